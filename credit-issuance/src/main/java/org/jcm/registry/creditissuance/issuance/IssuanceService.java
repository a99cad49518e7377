package org.jcm.registry.creditissuance.issuance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.ledger.LedgerEvent;
import org.jcm.registry.contract.partner.CreditPartnerEvent.IssuanceNotified;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.account.AccountRepository;
import org.jcm.registry.creditissuance.ledger.Block;
import org.jcm.registry.creditissuance.ledger.Ledger;
import org.jcm.registry.creditissuance.ledger.LedgerEvents;
import org.jcm.registry.creditissuance.ledger.LedgerTransaction;
import org.jcm.registry.creditissuance.project.RegisteredProjects;
import org.jcm.registry.creditissuance.project.VerifiedReductions;
import org.jcm.registry.creditissuance.project.VerifiedReductions.Verification;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.Checks;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;
import org.jcm.registry.platform.security.Caller;

/**
 * Issuance: a participant's request for one verified monitoring period, then the Joint Committee's decision (recorded
 * by an operator or notified by the host country's system), whose lines become one serial block each.
 */
@ApplicationScoped
public class IssuanceService {

    private final IssuanceRepository issuances;
    private final RegisteredProjects projects;
    private final VerifiedReductions verified;
    private final KnownCountries countries;
    private final RegistryRepository registries;
    private final AccountRepository accounts;
    private final Ledger ledger;
    private final LedgerEvents events;
    private final Clock clock;

    public IssuanceService(IssuanceRepository issuances, RegisteredProjects projects, VerifiedReductions verified, KnownCountries countries,
            RegistryRepository registries, AccountRepository accounts, Ledger ledger, LedgerEvents events, Clock clock) {
        this.clock = clock;
        this.issuances = issuances;
        this.projects = projects;
        this.verified = verified;
        this.countries = countries;
        this.registries = registries;
        this.accounts = accounts;
        this.ledger = ledger;
        this.events = events;
    }

    /** Requests the credits of one verified monitoring period of a REGISTERED project of an ACTIVE country. */
    @Transactional
    public Issuance request(String projectReference, LocalDate periodStart, LocalDate periodEnd, Caller caller) {
        ProjectSnapshot project = projects.byReference(projectReference).orElseThrow(() -> new RuleViolation(IssuanceRule.PROJECT_NOT_REGISTERED,
                "no registered project " + projectReference));
        caller.actForProject(projectReference, project.hostCountry(), participantIds(project));
        Checks checks = new Checks();
        checks.run(() -> {
            if (project.state() != ProjectState.REGISTERED) {
                throw new RuleViolation(IssuanceRule.PROJECT_NOT_REGISTERED, "project " + projectReference + " is " + project.state());
            }
        });
        checks.run(() -> activeHost(project.hostCountry()));
        Optional<Verification> verification = verified.current(project.id(), periodStart, periodEnd);
        checks.run(() -> verification.orElseThrow(() -> new RuleViolation(IssuanceRule.NOT_VERIFIED, "project " + projectReference
                + " has no positive verification for the monitoring period " + periodStart + ".." + periodEnd)));
        checks.run(() -> issuances.ofPeriod(project.id(), periodStart, periodEnd).ifPresent(i -> {
            throw new RuleViolation(IssuanceRule.ALREADY_REQUESTED, "project " + projectReference + "'s monitoring period " + periodStart + ".."
                    + periodEnd + " already has issuance " + i.id() + " (" + i.state() + ")");
        }));
        checks.throwIfFailed();
        Issuance issuance = Issuance.request(project, verification.get(), caller.actor(), clock.instant());
        issuances.persist(issuance);
        Verification v = verification.get();
        events.append(new LedgerEvent.IssuanceRequested(hostRegistry(project.hostCountry()), issuance.id(), project.id(), projectReference,
                project.hostCountry(), new LedgerEvent.Period(periodStart, periodEnd), v.verificationId(), v.vintages().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey()).map(e -> new LedgerEvent.VintageQuantity(e.getKey(), e.getValue())).toList(),
                caller.actor(), issuance.requestedAt()));
        return issuance;
    }

    /** Records the Joint Committee's decision on an issuance, as an operator for the host country (or bound to none). */
    @Transactional
    public Issuance decide(UUID id, JcDecision decision, List<Issuance.Line> lines, Caller caller) {
        Issuance issuance = issuances.lockForChange(id);
        caller.actForCountry(issuance.hostCountry());
        return issue(issuance, decision, lines, caller);
    }

    /** Applies the host country's notification of a Joint Committee decision, at most once per (project, monitoring period). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Issuance applyPartnerNotification(IssuanceNotified n, InboundEvent envelope) {
        Issuance found = projects.byReference(n.projectReference()).filter(p -> p.hostCountry().equals(n.country()))
                .flatMap(p -> issuances.ofPeriod(p.id(), n.monitoringPeriodStart(), n.monitoringPeriodEnd()))
                .orElseThrow(() -> new RuleViolation(IssuanceRule.NOT_REQUESTED, "no issuance was requested for project " + n.projectReference()
                        + " of " + n.country() + " and the monitoring period " + n.monitoringPeriodStart() + ".." + n.monitoringPeriodEnd()));
        Issuance issuance = issuances.lockForChange(found.id());
        List<Issuance.Line> lines = n.lines().stream().map(l -> new Issuance.Line(l.registry(), l.account(), l.vintage(), l.quantity())).toList();
        return issue(issuance, new JcDecision(n.decisionReference(), n.decidedOn()), lines, Caller.partnerSystem(n.country()));
    }

    private Issuance issue(Issuance issuance, JcDecision decision, List<Issuance.Line> lines, Caller caller) {
        Verification verification = verified.byId(issuance.verificationId()).orElseThrow();
        Checks checks = new Checks();
        checks.run(() -> {
            if (decision.decidedOn().isBefore(verification.verifiedOn()) || decision.decidedOn().isAfter(LocalDate.now(clock))) {
                throw new RuleViolation(IssuanceRule.DECISION_DATE, "the decision of " + decision.decidedOn() + " lies before the verification of "
                        + verification.verifiedOn() + " or after today");
            }
        });
        issuance.checkLines(lines, verification, checks);
        checks.run(() -> activeHost(issuance.hostCountry()));
        List<Account> receiving = new ArrayList<>();
        for (Issuance.Line line : lines) {
            Optional<Registry> registry = registries.findByIdOptional(line.registry());
            checks.run(() -> {
                if (registry.filter(r -> r.state() == Registry.State.ACTIVE).isEmpty()) {
                    throw new RuleViolation(IssuanceRule.REGISTRY_NOT_ACTIVE, "registry " + line.registry() + " is "
                            + registry.map(r -> r.state().name()).orElse("unknown"));
                }
            });
            Optional<Account> account = accounts.byNumber(line.account());
            account.ifPresent(receiving::add);
            checks.run(() -> receiving(line, account.orElse(null)));
        }
        checks.throwIfFailed();
        receiving.stream().distinct().forEach(accounts::lockReceiving);
        for (int i = 0; i < lines.size(); i++) {
            Issuance.Line line = lines.get(i);
            Account account = receiving.get(i);
            checks.run(() -> receiving(line, account));
        }
        checks.throwIfFailed();
        List<AllocationLine> issued = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Issuance.Line line = lines.get(i);
            Account to = receiving.get(i);
            LedgerTransaction tx = LedgerTransaction.issuance(line.registry(), caller.actor(), decision.reference(), to, line.quantity(),
                    issuance.id());
            Ledger.Completed done = ledger.issue(tx, new Block.Attributes(issuance.projectId(), issuance.projectReference(), issuance.periodStart(),
                    issuance.periodEnd(), line.vintage(), issuance.id()));
            issued.add(new AllocationLine(i + 1, line.registry(), to.id(), line.vintage(), line.quantity(), tx.id()));
            events.append(new LedgerEvent.CreditsIssued(line.registry(), tx.id(), issuance.id(), issuance.projectReference(), issuance.hostCountry(),
                    new LedgerEvent.Period(issuance.periodStart(), issuance.periodEnd()), line.vintage(), line.quantity(), decision.reference(),
                    decision.decidedOn(), to.number(), caller.actor(), done.at(), done.closed(), LedgerEvents.opened(done)));
        }
        issuance.issued(decision, issued, caller.actor(), clock.instant());
        return issuance;
    }

    /** A line's account receives new credits: an OPEN holding account of the line's registry. */
    private static void receiving(Issuance.Line line, Account account) {
        if (account == null || !account.isOpen() || !account.registryCode().equals(line.registry())
                || account.type() != Account.Type.GOVERNMENT_HOLDING && account.type() != Account.Type.ENTITY_HOLDING) {
            throw new RuleViolation(IssuanceRule.ACCOUNT_NOT_RECEIVING, "account " + line.account() + " cannot receive the line of registry "
                    + line.registry() + ": " + (account == null
                            ? "no such account"
                            : account.type() + ", " + account.state() + ", of registry "
                                    + account.registryCode()));
        }
    }

    private void activeHost(String country) {
        if (countries.find(country).filter(CountrySnapshot::isActive).isEmpty()) {
            throw new RuleViolation(IssuanceRule.COUNTRY_NOT_ACTIVE, "the host country " + country + " is not an ACTIVE partner country");
        }
    }

    private String hostRegistry(String country) {
        return registries.ofCountry(country).map(Registry::code).orElse(country);
    }

    static List<String> participantIds(ProjectSnapshot project) {
        return project.participants().stream().map(ProjectSnapshot.Participant::participantId).filter(java.util.Objects::nonNull).toList();
    }

    @Transactional
    public Issuance get(UUID id, Caller caller) {
        Issuance issuance = issuances.get(id);
        caller.readCountry(issuance.hostCountry());
        return issuance;
    }
}
