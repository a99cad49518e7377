package org.jcm.registry.creditissuance.transfer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.ledger.LedgerEvent;
import org.jcm.registry.contract.partner.ExternalTransferAnswered;
import org.jcm.registry.contract.partner.ExternalTransferProposed;
import org.jcm.registry.contract.partner.PartnerAnswer;
import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.account.AccountRepository;
import org.jcm.registry.creditissuance.article6.Article6Rule;
import org.jcm.registry.creditissuance.article6.Article6Service;
import org.jcm.registry.creditissuance.article6.Itmos;
import org.jcm.registry.creditissuance.ledger.Block;
import org.jcm.registry.creditissuance.ledger.Ledger;
import org.jcm.registry.creditissuance.ledger.LedgerEvents;
import org.jcm.registry.creditissuance.ledger.LedgerQueries;
import org.jcm.registry.creditissuance.ledger.LedgerRule;
import org.jcm.registry.creditissuance.ledger.LedgerTransaction;
import org.jcm.registry.creditissuance.ledger.LedgerViews.TransactionView;
import org.jcm.registry.creditissuance.ledger.MovementChecks;
import org.jcm.registry.creditissuance.ledger.Plan;
import org.jcm.registry.creditissuance.ledger.Selection;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.creditissuance.ledger.TransactionType;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.creditissuance.registry.RegistryConfig;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.security.Caller;

/**
 * External transfers between two registries, each step a state and each refusal a numbered reason. The sending registry
 * reserves the blocks (nothing else moves them), the receiving registry accepts or rejects, and only then are they
 * debited and credited, in one database transaction. Between two registries kept here the receiving registry's checks
 * run in the same request. To an external registry the proposal goes out on the partner's outbound topic and waits for
 * its answer on the inbound topic, a timeout, or an operator's cancellation. From an external registry, a proposal
 * arriving on the inbound topic passes the same checks and is answered on the outbound topic.
 */
@ApplicationScoped
public class ExternalTransferService {

    private final ExternalTransferRepository transfers;
    private final AccountRepository accounts;
    private final RegistryRepository registries;
    private final MovementService movements;
    private final Ledger ledger;
    private final LedgerEvents events;
    private final Article6Service article6;
    private final Itmos itmos;
    private final EventStream<PartnerAnswer> partners;
    private final RegistryConfig config;
    private final LedgerQueries queries;
    private final Clock clock;

    public ExternalTransferService(ExternalTransferRepository transfers, AccountRepository accounts, RegistryRepository registries,
            MovementService movements, Ledger ledger, LedgerEvents events, Article6Service article6, Itmos itmos, EventStreams streams,
            RegistryConfig config, LedgerQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
        this.transfers = transfers;
        this.accounts = accounts;
        this.registries = registries;
        this.movements = movements;
        this.ledger = ledger;
        this.events = events;
        this.article6 = article6;
        this.itmos = itmos;
        this.partners = streams.of("ExternalTransfer", PartnerAnswer.class);
        this.config = config;
    }

    /** A transfer and its steps (PROPOSED reserves, COMPLETED debits and credits, REJECTED releases), as the API shows it. */
    public record TransferView(UUID id, String direction, String state, String fromRegistry, String fromAccount, String toRegistry,
            String toAccount, long quantity, String decision, String proposedBy, Instant proposedAt, Instant expiresAt, String settledBy,
            Instant settledAt, String ruleCode, String reason, List<TransactionView> steps) {

        static TransferView of(ExternalTransfer t, List<TransactionView> steps) {
            return new TransferView(t.id(), t.direction().name(), t.state().name(), t.fromRegistry(), t.fromAccount(), t.toRegistry(), t.toAccount(),
                    t.quantity(), t.decision(), t.proposedBy(), t.proposedAt(), t.expiresAt(), t.settledBy(), t.settledAt(), t.ruleCode(), t.reason(),
                    steps);
        }
    }

    /**
     * Proposes a transfer of credits of account {@code fromNumber} to account {@code toNumber} of registry
     * {@code toRegistryCode}: runs the sender's, the units' and Article 6's checks (and, for a registry kept here, the
     * receiver's) under the accounts' locks, reserves the blocks, and then either settles at once (receiving registry kept
     * here) or sends the proposal to the external registry.
     */
    @Transactional
    public TransferView propose(String fromNumber, String toRegistryCode, String toNumber, Selection selection, String decision, Caller caller) {
        Account from = movements.sender(fromNumber, caller);
        Registry sending = registries.get(from.registryCode());
        Registry receiving = registries.findByIdOptional(toRegistryCode).orElseThrow(() -> new RuleViolation(ExternalTransferRule.RECEIVING_REGISTRY,
                "no registry " + toRegistryCode));
        if (receiving.code().equals(sending.code())) {
            throw new RuleViolation(ExternalTransferRule.SAME_REGISTRY, "account " + toNumber + " is in the sending registry " + sending.code()
                    + ": transfer within it with POST /api/transfers");
        }
        MovementChecks checks = new MovementChecks(TransactionType.EXTERNAL_TRANSFER);
        checks.run(() -> {
            if (receiving.state() != Registry.State.ACTIVE) {
                throw new RuleViolation(ExternalTransferRule.RECEIVING_REGISTRY, "registry " + receiving.code() + " is " + receiving.state());
            }
        });
        Optional<Account> to = receiving.isHosted() ? accounts.byNumber(toNumber) : Optional.empty();
        if (receiving.isHosted() && to.isEmpty()) {
            checks.senderAndUnits(from, sending, ledger.plan(from, selection));
            checks.receiverUnknown(toNumber);
            checks.throwIfFailed();
        }
        if (to.isPresent()) {
            accounts.lockForMovement(from, to.get());
        } else {
            accounts.lockForChange(from.id());
        }
        Plan plan = ledger.plan(from, selection);
        checks.senderAndUnits(from, sending, plan);
        to.ifPresent(account -> checks.receiver(account, receiving.code()));
        if (plan.complete()) {
            checks.run(() -> article6.requireAuthorized(plan));
        }
        checks.throwIfFailed();

        Instant now = clock.instant();
        ExternalTransfer transfer = ExternalTransfer.propose(sending.code(), from.number(), receiving.code(), toNumber, plan.quantity(), decision,
                caller.actor(), now, receiving.isHosted() ? now : now.plus(config.externalTransfer().timeout()));
        transfers.persistAndFlush(transfer);
        LedgerTransaction reserve = LedgerTransaction.externalStep(transfer.id(), sending.code(), receiving.code(), caller.actor(), decision, from,
                to.orElse(null), plan.quantity(), null);
        Ledger.Completed reserved = ledger.reserve(reserve, plan);
        events.append(new LedgerEvent.CreditsReserved(sending.code(), transfer.id(), reserve.id(), receiving.code(), from.number(), toNumber,
                plan.quantity(), decision, receiving.isHosted() ? null : transfer.expiresAt(), caller.actor(), reserved.at(), reserved.closed(),
                LedgerEvents.opened(reserved)));
        List<TransactionView> steps = new ArrayList<>(List.of(TransactionView.of(reserved)));
        List<Block> blocks = reserved.opened().stream().filter(b -> "RESERVED".equals(b.origin())).toList();
        if (to.isPresent()) {
            steps.add(TransactionView.of(complete(transfer, from, to.get(), blocks, "registry " + receiving.code() + " (kept here)")));
        } else {
            partners.appendTo(Topics.partnerOutbound(receiving.countryCode()), transfer.id().toString(),
                    new ExternalTransferProposed(receiving.countryCode(), transfer.id(), sending.code(), from.number(), receiving.code(), toNumber,
                            plan.quantity(), decision, transfer.expiresAt(), blocks.stream().map(this::describe).toList()));
        }
        return TransferView.of(transfer, steps);
    }

    private ExternalTransferProposed.TransferredBlock describe(Block b) {
        return new ExternalTransferProposed.TransferredBlock(b.registryCode(), b.range().start(), b.range().end(), b.attributes().projectReference(),
                b.attributes().periodStart(), b.attributes().periodEnd(), b.attributes().vintage(),
                itmos.id(b.registryCode(), b.range().start(), b.attributes().vintage()),
                itmos.id(b.registryCode(), b.range().end(), b.attributes().vintage()), article6.authorizationOf(b).orElse(null));
    }

    /** The receiving side accepted: debits the reserved blocks, credits them if the receiver is kept here, records first transfers. */
    private Ledger.Completed complete(ExternalTransfer transfer, Account from, Account to, List<Block> reserved, String actor) {
        LedgerTransaction tx = LedgerTransaction.externalStep(transfer.id(), transfer.fromRegistry(), transfer.toRegistry(), actor,
                transfer.decision(), from, to, transfer.quantity(), null);
        Ledger.Completed done = ledger.settle(tx, reserved);
        transfer.complete(actor, done.at());
        events.append(new LedgerEvent.ExternalTransferCompleted(transfer.fromRegistry(), transfer.id(), tx.id(), transfer.fromRegistry(),
                transfer.toRegistry(), transfer.fromAccount(), transfer.toAccount(), transfer.quantity(), actor, done.at(), done.closed(),
                LedgerEvents.opened(done)));
        article6.recordFirstTransfer(transfer.fromRegistry(), tx.id(), done.at(), reserved, "INTERNATIONAL_TRANSFER");
        return done;
    }

    /** The transfer ended without moving anything ({@code outcome} REJECTED, EXPIRED or CANCELLED): its reserved blocks are free again. */
    private Ledger.Completed release(ExternalTransfer transfer, String outcome, String actor) {
        Account from = accounts.byNumber(transfer.fromAccount()).orElseThrow();
        LedgerTransaction tx = LedgerTransaction.externalStep(transfer.id(), transfer.fromRegistry(), transfer.toRegistry(), actor,
                transfer.decision(), from, null, transfer.quantity(), outcome + (transfer.reason() == null ? "" : ": " + transfer.reason()));
        Ledger.Completed done = ledger.release(tx, ledger.reservedFor(transfer.id()));
        events.append(new LedgerEvent.ExternalTransferRejected(transfer.fromRegistry(), transfer.id(), tx.id(), transfer.fromRegistry(),
                transfer.toRegistry(), outcome, transfer.ruleCode(), transfer.reason(), actor, done.at(), done.closed(), LedgerEvents.opened(done)));
        return done;
    }

    /**
     * The external registry's answer to a proposal of ours, from its country's inbound topic: accepted settles it, rejected
     * releases the blocks. An answer for an unknown transfer, from another country, for a transfer not answered through
     * events, or for one already settled (a late or repeated answer) is refused with its reason and changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAnswer(ExternalTransferAnswered answer, InboundEvent envelope) {
        ExternalTransfer transfer = transfers.lockForChange(answer.transferId())
                .orElseThrow(() -> ExternalTransferRepository.noSuch(answer.transferId()));
        Registry receiving = registries.get(transfer.toRegistry());
        if (transfer.direction() != ExternalTransfer.Direction.OUT || receiving.isHosted()) {
            throw new RuleViolation(ExternalTransferRule.NOT_AWAITING_ANSWER, "transfer " + transfer.id() + " to registry " + receiving.code()
                    + " is not answered through events");
        }
        if (!receiving.countryCode().equals(answer.country())) {
            throw new RuleViolation(ExternalTransferRule.FOREIGN_ANSWER, "transfer " + transfer.id() + " goes to " + receiving.countryCode()
                    + "'s registry, not " + answer.country() + "'s");
        }
        if (transfer.state() != ExternalTransfer.State.PROPOSED) {
            throw new RuleViolation(ExternalTransferRule.ALREADY_SETTLED, "transfer " + transfer.id() + " is " + transfer.state() + " since "
                    + transfer.settledAt() + ": this answer changes nothing");
        }
        String actor = Caller.partnerSystem(answer.country()).actor();
        if (answer.accepted()) {
            complete(transfer, accounts.byNumber(transfer.fromAccount()).orElseThrow(), null, ledger.reservedFor(transfer.id()), actor);
        } else {
            transfer.reject(actor, clock.instant(), answer.ruleCode(),
                    answer.reason() == null ? "rejected by registry " + receiving.code() : answer.reason());
            release(transfer, "REJECTED", actor);
        }
    }

    /** An operator withdraws a proposal still waiting for the external registry's answer; its blocks are free again. */
    @Transactional
    public TransferView cancel(UUID id, String reason, Caller caller) {
        ExternalTransfer transfer = transfers.lockForChange(id).orElseThrow(() -> ExternalTransferRepository.noSuch(id));
        caller.actForCountry(registries.get(transfer.fromRegistry()).countryCode());
        if (transfer.direction() != ExternalTransfer.Direction.OUT) {
            throw new RuleViolation(ExternalTransferRule.NOT_AWAITING_ANSWER,
                    "transfer " + id + " was proposed by registry " + transfer.fromRegistry()
                            + ": only its sender withdraws it");
        }
        transfer.cancel(caller.actor(), clock.instant(), reason);
        Ledger.Completed done = release(transfer, "CANCELLED", caller.actor());
        withdraw(transfer);
        return TransferView.of(transfer, List.of(TransactionView.of(done)));
    }

    /**
     * Expires the proposals past their timeout at {@code now}, each in a transaction of its own (so one failure stalls
     * none of the others), and tells each external registry. Returns how many expired.
     */
    public int expireDue(Instant now) {
        int expired = 0;
        for (UUID id : QuarkusTransaction.requiringNew().call(() -> transfers.dueAt(now, 500))) {
            boolean done = QuarkusTransaction.requiringNew().call(() -> {
                ExternalTransfer transfer = transfers.lockForChange(id).orElseThrow();
                if (transfer.state() != ExternalTransfer.State.PROPOSED || transfer.expiresAt().isAfter(now)) {
                    return false; // answered or cancelled meanwhile
                }
                transfer.expire(now);
                release(transfer, "EXPIRED", transfer.settledBy());
                withdraw(transfer);
                return true;
            });
            expired += done ? 1 : 0;
        }
        return expired;
    }

    private void withdraw(ExternalTransfer transfer) {
        Registry receiving = registries.get(transfer.toRegistry());
        if (!receiving.isHosted()) {
            partners.appendTo(Topics.partnerOutbound(receiving.countryCode()), transfer.id().toString(),
                    new PartnerAnswer.ExternalTransferWithdrawn(receiving.countryCode(), transfer.id(), transfer.state().name(), transfer.reason()));
        }
    }

    /**
     * A proposal from an external registry, from its country's inbound topic. A proposal that cannot be a transfer to this
     * registry (from another registry than the topic's, to a registry not kept here, under a known id, with inconsistent
     * blocks) is refused as a dead letter. Otherwise the receiving registry's checks run: it is accepted (the blocks are
     * credited with their serials, issuing registry and vintage, and their Article 6 authorization is recorded) or
     * rejected with the first failed check's code; either way the answer goes out on the country's outbound topic.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receive(ExternalTransferProposed proposal, InboundEvent envelope) {
        Registry sending = registries.ofCountry(proposal.country()).filter(r -> !r.isHosted() && r.code().equals(proposal.fromRegistry()))
                .orElseThrow(() -> new RuleViolation(ExternalTransferRule.SENDER_MISMATCH, "registry " + proposal.fromRegistry()
                        + " is not the external registry of " + proposal.country()));
        if (transfers.findByIdOptional(proposal.transferId()).isPresent()) {
            throw new RuleViolation(ExternalTransferRule.TRANSFER_ID_TAKEN, "transfer " + proposal.transferId() + " is known already");
        }
        Registry receiving = registries.findByIdOptional(proposal.toRegistry()).filter(Registry::isHosted)
                .orElseThrow(
                        () -> new RuleViolation(ExternalTransferRule.NOT_HOSTED_HERE, "registry " + proposal.toRegistry() + " is not kept here"));
        consistent(proposal);
        String actor = Caller.partnerSystem(proposal.country()).actor();
        ExternalTransfer transfer = ExternalTransfer.arriving(proposal.transferId(), sending.code(), proposal.fromAccount(), receiving.code(),
                proposal.toAccount(), proposal.quantity(), proposal.decision(), actor, envelope.time() == null ? clock.instant() : envelope.time());
        transfers.persistAndFlush(transfer);

        Optional<Account> to = accounts.byNumber(proposal.toAccount());
        MovementChecks checks = new MovementChecks(TransactionType.EXTERNAL_TRANSFER);
        checks.run(() -> {
            if (receiving.state() != Registry.State.ACTIVE) {
                throw new RuleViolation(LedgerRule.REGISTRY_NOT_ACTIVE, "registry " + receiving.code() + " is " + receiving.state());
            }
        });
        if (to.isEmpty()) {
            checks.run(() -> {
                throw new RuleViolation(LedgerRule.RECEIVER_UNKNOWN, "no account " + proposal.toAccount());
            });
        } else {
            accounts.lockReceiving(to.get());
            checks.receiver(to.get(), receiving.code());
        }
        for (ExternalTransferProposed.TransferredBlock b : proposal.blocks()) {
            checks.run(() -> {
                if (registries.findByIdOptional(b.issuingRegistry()).isEmpty()) {
                    throw new RuleViolation(ExternalTransferRule.ISSUER_UNKNOWN, "no registry " + b.issuingRegistry() + " issued serials " + b.start()
                            + "-" + b.end());
                }
            });
            checks.run(() -> {
                if (b.authorization() == null) {
                    throw new RuleViolation(Article6Rule.NOT_AUTHORIZED, "serials " + b.start() + "-" + b.end() + " of " + b.issuingRegistry()
                            + " come without their Party's authorization");
                }
            });
            checks.run(() -> {
                if (ledger.heldAnywhere(b.issuingRegistry(), new SerialRange(b.start(), b.end()))) {
                    throw new RuleViolation(ExternalTransferRule.SERIALS_HELD, "serials " + b.start() + "-" + b.end() + " of " + b.issuingRegistry()
                            + " are held in a registry kept here");
                }
            });
        }
        LedgerTransaction tx = LedgerTransaction.externalStep(transfer.id(), sending.code(), receiving.code(), actor, proposal.decision(), null,
                to.orElse(null), proposal.quantity(), null);
        if (!checks.failed().isEmpty()) {
            RuleViolation first = checks.failed().get(0);
            String reason = checks.failed().stream().map(RuleViolation::reason).reduce((a, b) -> a + "; " + b).orElseThrow();
            transfer.reject("registry:" + receiving.code(), clock.instant(), first.rule().code(), reason);
            Ledger.Completed refused = ledger.refuse(tx);
            events.append(new LedgerEvent.ExternalTransferRejected(receiving.code(), transfer.id(), tx.id(), sending.code(), receiving.code(),
                    "REJECTED", first.rule().code(), reason, actor, refused.at(), List.of(), List.of()));
            answer(proposal, false, first.rule().code(), reason);
            return;
        }
        List<Ledger.Arrival> arrivals = proposal
                .blocks().stream().map(b -> new Ledger.Arrival(b.issuingRegistry(), new SerialRange(b.start(), b.end()),
                        new Block.Attributes(b.projectReference(), b.projectReference(), b.monitoringPeriodStart(), b.monitoringPeriodEnd(),
                                b.vintage(), null)))
                .toList();
        Ledger.Completed done = ledger.receive(tx, arrivals);
        transfer.complete("registry:" + receiving.code(), done.at());
        for (int i = 0; i < done.opened().size(); i++) {
            article6.acceptForeign(receiving.code(), done.opened().get(i), proposal.blocks().get(i).authorization(), actor, tx.id(), done.at());
        }
        events.append(new LedgerEvent.ExternalTransferCompleted(receiving.code(), transfer.id(), tx.id(), sending.code(), receiving.code(),
                proposal.fromAccount(), proposal.toAccount(), proposal.quantity(), actor, done.at(), done.closed(), LedgerEvents.opened(done)));
        answer(proposal, true, null, null);
    }

    /** EXT-012: blocks that run forwards, do not overlap within their issuing registry, and add up to the proposal's quantity. */
    private static void consistent(ExternalTransferProposed p) {
        long sum = 0;
        List<ExternalTransferProposed.TransferredBlock> sorted = p.blocks().stream()
                .sorted(java.util.Comparator.comparing(ExternalTransferProposed.TransferredBlock::issuingRegistry)
                        .thenComparingLong(ExternalTransferProposed.TransferredBlock::start))
                .toList();
        for (int i = 0; i < sorted.size(); i++) {
            var b = sorted.get(i);
            Limits.requireDate(b.monitoringPeriodStart(), "monitoring period start");
            Limits.requireDate(b.monitoringPeriodEnd(), "monitoring period end");
            if (b.authorization() != null) {
                Limits.requireDate(b.authorization().authorizedOn(), "authorization date");
            }
            boolean overlaps = i > 0 && sorted.get(i - 1).issuingRegistry().equals(b.issuingRegistry()) && sorted.get(i - 1).end() >= b.start();
            if (b.end() < b.start() || overlaps) {
                throw new RuleViolation(ExternalTransferRule.BLOCKS_INCONSISTENT, "block " + b.issuingRegistry() + " " + b.start() + "-" + b.end()
                        + (overlaps ? " overlaps another" : " runs backwards"));
            }
            sum = Math.addExact(sum, b.end() - b.start() + 1);
        }
        if (sum != p.quantity()) {
            throw new RuleViolation(ExternalTransferRule.BLOCKS_INCONSISTENT,
                    "the blocks hold " + sum + " credits, the proposal says " + p.quantity());
        }
    }

    private void answer(ExternalTransferProposed proposal, boolean accepted, String ruleCode, String reason) {
        partners.appendTo(Topics.partnerOutbound(proposal.country()), proposal.transferId().toString(),
                new ExternalTransferAnswered(proposal.country(), proposal.transferId(), accepted, ruleCode, reason));
    }

    @Transactional
    public TransferView get(UUID id, Caller caller) {
        ExternalTransfer transfer = transfers.get(id);
        caller.readCountry(registries.get(transfer.direction() == ExternalTransfer.Direction.OUT ? transfer.fromRegistry() : transfer.toRegistry())
                .countryCode());
        return TransferView.of(transfer, queries.ofTransfer(id));
    }
}
