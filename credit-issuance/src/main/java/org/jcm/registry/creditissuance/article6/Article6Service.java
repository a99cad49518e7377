package org.jcm.registry.creditissuance.article6;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.ledger.LedgerEvent;
import org.jcm.registry.contract.partner.CreditPartnerEvent;
import org.jcm.registry.contract.partner.ExternalTransferProposed;
import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.ledger.Block;
import org.jcm.registry.creditissuance.ledger.Ledger;
import org.jcm.registry.creditissuance.ledger.LedgerEvents;
import org.jcm.registry.creditissuance.ledger.LedgerRule;
import org.jcm.registry.creditissuance.ledger.LedgerTransaction;
import org.jcm.registry.creditissuance.ledger.Plan;
import org.jcm.registry.creditissuance.ledger.Selection;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.persistence.Aggregates;
import org.jcm.registry.platform.persistence.SqlValues;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;
import org.jcm.registry.platform.security.Caller;

/**
 * Article 6 tracking: the host Party authorizes units of its registry as ITMOs (an operator's record or its partner
 * system's event), each authorized serial once; the first transfer of each authorized serial is recorded exactly once,
 * at the act its authorization names (the database refuses a second and any before authorization); the corresponding
 * adjustment is recorded once per first-transferred serial. Authorizing splits blocks so that authorized units are whole
 * blocks, and every later split keeps what its parent was: the state of a block is that of the ranges containing it.
 */
@ApplicationScoped
public class Article6Service {

    private final EntityManager em;
    private final Ledger ledger;
    private final LedgerEvents events;
    private final RegistryRepository registries;
    private final KnownCountries countries;
    private final Itmos itmos;

    public Article6Service(EntityManager em, Ledger ledger, LedgerEvents events, RegistryRepository registries, KnownCountries countries,
            Itmos itmos) {
        this.em = em;
        this.ledger = ledger;
        this.events = events;
        this.registries = registries;
        this.countries = countries;
        this.itmos = itmos;
    }

    /**
     * What to authorize: {@code reference} dated {@code authorizedOn}, for {@code uses} (NDC, OIMP), first transfer at
     * {@code firstTransfer} (null: the default), and the units: serial ranges ({@code selection} by ranges), or a
     * project's vintages up to a quantity ({@code projectReference}, {@code vintages}, {@code selection} by quantity).
     */
    public record Authorization(String reference, LocalDate authorizedOn, Set<String> uses, String firstTransfer, Selection selection,
            String projectReference, List<Integer> vintages) {}

    /** A recorded authorization, as the API shows it. */
    public record AuthorizationView(UUID id, String registry, String reference, LocalDate authorizedOn, List<String> uses, String firstTransfer,
            long quantity, String source, String actor, Instant recordedAt, UUID transactionId, List<LedgerEvent.ItmoRange> ranges,
            List<LedgerEvent.ItmoRange> firstTransferred) {}

    /** A recorded corresponding adjustment. */
    public record AdjustmentView(String registry, String reference, int year, String source, String actor, Instant recordedAt,
            List<LedgerEvent.ItmoRange> ranges) {}

    @Transactional
    public AuthorizationView authorize(String registryCode, Authorization request, Caller caller) {
        Registry registry = registries.get(registryCode);
        caller.actForCountry(registry.countryCode());
        return authorize(registry, request, "OPERATOR", caller.actor());
    }

    /** A partner system's authorization, applied in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyPartnerAuthorization(CreditPartnerEvent.CreditsAuthorized event, InboundEvent envelope) {
        Registry registry = registries.ofCountry(event.country()).orElseThrow(() -> new RuleViolation(LedgerRule.REGISTRY_NOT_ACTIVE,
                event.country() + " has no registry"));
        boolean byRanges = event.ranges() != null && !event.ranges().isEmpty();
        Selection selection = byRanges
                ? new Selection.Ranges(registry.code(), event.ranges().stream().map(r -> new SerialRange(r.start(), r.end())).toList())
                : event.quantity() == null ? null : new Selection.Quantity(event.quantity());
        authorize(registry, new Authorization(event.reference(), event.authorizedOn(), new TreeSet<>(event.uses()), event.firstTransfer(),
                selection, event.projectReference(), event.vintages()), "PARTNER", Caller.partnerSystem(event.country()).actor());
    }

    private AuthorizationView authorize(Registry registry, Authorization request, String source, String actor) {
        if (!registry.isHosted()) {
            throw new RuleViolation(Article6Rule.REGISTRY_EXTERNAL, "registry " + registry.code() + " is external");
        }
        if (registry.state() != Registry.State.ACTIVE) {
            throw new RuleViolation(LedgerRule.REGISTRY_NOT_ACTIVE, "registry " + registry.code() + " is " + registry.state());
        }
        Limits.requireDate(request.authorizedOn(), "authorization date");
        String definition = definition(registry, request);
        Selection selection = scope(request);
        if (referenceTaken(registry.code(), request.reference())) {
            throw new RuleViolation(Article6Rule.REFERENCE_TAKEN, "registry " + registry.code() + " already recorded authorization "
                    + request.reference());
        }
        if (selection instanceof Selection.Ranges ranges) {
            alreadyAuthorized(registry.code(), ranges.ranges());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("registry", registry.code());
        String filter = """
                b.registry_code = :registry AND b.closed_by IS NULL AND b.reserved_for IS NULL AND NOT b.final
                AND b.account_id IN (SELECT x.id FROM account x WHERE x.registry_code = :registry)
                AND NOT EXISTS (SELECT 1 FROM authorized_range ar WHERE ar.registry_code = b.registry_code AND ar.serials && b.serials)""";
        if (request.projectReference() != null) {
            filter += " AND b.project_reference = :project AND b.vintage = ANY(CAST(:vintages AS int[]))";
            params.put("project", request.projectReference());
            params.put("vintages", request.vintages().toArray(Integer[]::new));
        }
        Plan plan = lockedPlan(selection, filter, params, registry.code());
        if (!plan.complete()) {
            throw new RuleViolation(Article6Rule.UNITS_NOT_AVAILABLE, "registry " + registry.code() + " holds "
                    + (plan.notHeld().isEmpty()
                            ? plan.moving() + " of the " + plan.quantity() + " credits asked for"
                            : "no free, unauthorized credits with serials " + plan.notHeld())
                    + " (free: in a holding account, not reserved, not authorized before)");
        }
        LedgerTransaction tx = LedgerTransaction.authorization(registry.code(), actor, request.reference(), plan.quantity());
        Ledger.Completed done = ledger.split(tx, plan);
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                INSERT INTO article6_authorization (id, registry_code, reference, authorized_on, ndc, oimp, first_transfer, quantity, source, actor,
                    recorded_at, transaction_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""").setParameter(1, id)
                .setParameter(2, registry.code()).setParameter(3, request.reference()).setParameter(4, request.authorizedOn())
                .setParameter(5, request.uses().contains("NDC")).setParameter(6, request.uses().contains("OIMP")).setParameter(7, definition)
                .setParameter(8, plan.quantity()).setParameter(9, source).setParameter(10, actor).setParameter(11, done.at())
                .setParameter(12, tx.id()).executeUpdate();
        List<LedgerEvent.ItmoRange> ranges = new ArrayList<>();
        for (Plan.Split s : plan.splits()) {
            for (SerialRange r : s.moved()) {
                insertRange(id, s.block().registryCode(), r, s.block().attributes().vintage(), done.at());
                ranges.add(itmos.range(s.block().registryCode(), r, s.block().attributes().vintage()));
            }
        }
        List<String> uses = List.copyOf(new TreeSet<>(request.uses()));
        events.append(new LedgerEvent.UnitsAuthorized(registry.code(), id, request.reference(), request.authorizedOn(), uses, definition,
                plan.quantity(), source, tx.id(), ranges, actor, done.at(), done.closed(), LedgerEvents.opened(done)));
        List<LedgerEvent.ItmoRange> first = List.of();
        if (definition.equals("AUTHORIZATION") || definition.equals("ISSUANCE")) {
            // The units exist already: their first transfer is this act, whichever of the two the authorization names.
            first = recordFirstTransfer(registry.code(), tx.id(), done.at(), done.opened().stream().filter(b -> covered(ranges, b)).toList(),
                    definition);
        }
        return new AuthorizationView(id, registry.code(), request.reference(), request.authorizedOn(), uses, definition, plan.quantity(), source,
                actor, done.at(), tx.id(), ranges, first);
    }

    private static boolean covered(List<LedgerEvent.ItmoRange> ranges, Block b) {
        return ranges.stream().anyMatch(r -> r.registry().equals(b.registryCode()) && r.start() <= b.range().start() && b.range().end() <= r.end());
    }

    /** The authorization's first-transfer definition, or its default, and a check of its uses against the country's settings. */
    private String definition(Registry registry, Authorization request) {
        CountrySnapshot.Article6Settings settings = countries.find(registry.countryCode()).map(CountrySnapshot::article6).orElse(null);
        if (settings != null) {
            for (String use : request.uses()) {
                boolean allowed = use.equals("NDC") ? settings.ndcUseAuthorized() : settings.oimpUseAuthorized();
                if (!allowed) {
                    throw new RuleViolation(Article6Rule.USE_NOT_AUTHORIZED, registry.countryCode() + "'s Article 6 settings do not authorize "
                            + use + " use");
                }
            }
        }
        if (request.firstTransfer() != null) {
            return request.firstTransfer();
        }
        if (!request.uses().contains("OIMP")) {
            return "INTERNATIONAL_TRANSFER";
        }
        return settings != null && settings.oimpFirstTransfer() != null ? settings.oimpFirstTransfer().name() : "AUTHORIZATION";
    }

    private static Selection scope(Authorization r) {
        boolean byRanges = r.selection() instanceof Selection.Ranges;
        boolean byProject = r.projectReference() != null && r.vintages() != null && !r.vintages().isEmpty()
                && r.selection() instanceof Selection.Quantity;
        if (byRanges == byProject || byRanges && r.projectReference() != null) {
            throw new RuleViolation(Article6Rule.SCOPE, "name either `ranges`, or `projectReference` with `vintages` and `quantity`");
        }
        return r.selection();
    }

    /**
     * Plans the authorization under the locks of every account whose blocks it splits (taken in id order, as movements take
     * theirs, so nothing deadlocks), planning again until the accounts it needs are the accounts it holds.
     */
    private Plan lockedPlan(Selection selection, String filter, Map<String, Object> params, String issuer) {
        Set<UUID> locked = new TreeSet<>();
        for (int attempt = 0;; attempt++) {
            Plan plan = ledger.plan(selection, filter, params, issuer);
            Set<UUID> needed = new TreeSet<>();
            plan.splits().forEach(s -> needed.add(s.block().accountId()));
            if (locked.containsAll(needed) || attempt == 10) {
                return plan;
            }
            needed.removeAll(locked);
            needed.forEach(id -> Aggregates.lockForChange(em, Account.class, id));
            locked.addAll(needed);
        }
    }

    private boolean referenceTaken(String registry, String reference) {
        return !em.createNativeQuery("SELECT 1 FROM article6_authorization WHERE registry_code = ?1 AND reference = ?2").setParameter(1, registry)
                .setParameter(2, reference).getResultList().isEmpty();
    }

    private void alreadyAuthorized(String registry, List<SerialRange> ranges) {
        for (SerialRange r : ranges) {
            List<?> found = em.createNativeQuery("""
                    SELECT au.reference FROM authorized_range ar JOIN article6_authorization au ON au.id = ar.authorization_id
                    WHERE ar.registry_code = ?1 AND ar.serials && int8range(?2, ?3, '[]') LIMIT 1""").setParameter(1, registry)
                    .setParameter(2, r.start()).setParameter(3, r.end()).getResultList();
            if (!found.isEmpty()) {
                throw new RuleViolation(Article6Rule.ALREADY_AUTHORIZED, "serials " + r + " of " + registry + " are (partly) authorized already, by "
                        + found.get(0));
            }
        }
    }

    private void insertRange(UUID authorization, String registry, SerialRange r, int vintage, Instant at) {
        em.createNativeQuery("INSERT INTO authorized_range (authorization_id, registry_code, serials, vintage, recorded_at) "
                + "VALUES (?1, ?2, int8range(?3, ?4, '[]'), ?5, ?6)").setParameter(1, authorization).setParameter(2, registry)
                .setParameter(3, r.start()).setParameter(4, r.end()).setParameter(5, vintage).setParameter(6, at).executeUpdate();
    }

    /** LED/A6-005: every serial a movement between registries takes is authorized (it moves as an ITMO). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireAuthorized(Plan plan) {
        List<String> unauthorized = new ArrayList<>();
        for (Plan.Split s : plan.splits()) {
            for (SerialRange r : s.moved()) {
                boolean ok = !em.createNativeQuery(
                        "SELECT 1 FROM authorized_range WHERE registry_code = ?1 AND serials @> int8range(?2, ?3, '[]')")
                        .setParameter(1, s.block().registryCode()).setParameter(2, r.start()).setParameter(3, r.end()).getResultList().isEmpty();
                if (!ok) {
                    unauthorized.add(Block.display(s.block().registryCode(), s.block().attributes().projectReference(),
                            s.block().attributes().vintage(), r));
                }
            }
        }
        if (!unauthorized.isEmpty()) {
            throw new RuleViolation(Article6Rule.NOT_AUTHORIZED, "not authorized by the host Party: " + unauthorized);
        }
    }

    /**
     * Records the first transfer of {@code blocks} at {@code act} (INTERNATIONAL_TRANSFER, USE, CANCELLATION, or the
     * authorization itself) where they are authorized, not first-transferred yet, and the act counts for their
     * authorization: the first international transfer always does (nothing is transferred between Parties before its
     * first transfer), use and cancellation only for USE_OR_CANCELLATION. Publishes what it recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LedgerEvent.ItmoRange> recordFirstTransfer(String registryCode, UUID transaction, Instant at, List<Block> blocks, String act) {
        Map<UUID, List<LedgerEvent.ItmoRange>> byAuthorization = new LinkedHashMap<>();
        for (Block b : blocks) {
            List<?> authorization = em.createNativeQuery("""
                    INSERT INTO first_transfer (registry_code, serials, authorization_id, act, transaction_id, at)
                    SELECT ?1, int8range(?2, ?3, '[]'), ar.authorization_id, ?4, ?5, ?6
                    FROM authorized_range ar JOIN article6_authorization au ON au.id = ar.authorization_id
                    WHERE ar.registry_code = ?1 AND ar.serials @> int8range(?2, ?3, '[]')
                      AND (?4 IN ('INTERNATIONAL_TRANSFER', 'AUTHORIZATION', 'ISSUANCE') OR au.first_transfer = 'USE_OR_CANCELLATION')
                      AND NOT EXISTS (SELECT 1 FROM first_transfer f WHERE f.registry_code = ?1 AND f.serials && int8range(?2, ?3, '[]'))
                    RETURNING authorization_id""").setParameter(1, b.registryCode()).setParameter(2, b.range().start())
                    .setParameter(3, b.range().end()).setParameter(4, act).setParameter(5, transaction).setParameter(6, at).getResultList();
            if (!authorization.isEmpty()) {
                byAuthorization.computeIfAbsent((UUID) authorization.get(0), k -> new ArrayList<>())
                        .add(itmos.range(b.registryCode(), b.range(), b.attributes().vintage()));
            }
        }
        List<LedgerEvent.ItmoRange> all = new ArrayList<>();
        byAuthorization.forEach((authorization, ranges) -> {
            events.append(new LedgerEvent.FirstTransferRecorded(registryCode, authorization, act, transaction, ranges, at));
            all.addAll(ranges);
        });
        return all;
    }

    /**
     * A block arriving from an external registry as an ITMO: records the transferring Party's authorization (once per
     * reference), the block's serials as authorized by it, and its first transfer if this transfer is that.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acceptForeign(String receivingRegistry, Block arrived, ExternalTransferProposed.ItmoAuthorization a, String actor, UUID transaction,
            Instant at) {
        List<?> existing = em.createNativeQuery("SELECT id FROM article6_authorization WHERE registry_code = ?1 AND reference = ?2")
                .setParameter(1, arrived.registryCode()).setParameter(2, a.reference()).getResultList();
        UUID id = existing.isEmpty() ? UUID.randomUUID() : (UUID) existing.get(0);
        if (existing.isEmpty()) {
            em.createNativeQuery("""
                    INSERT INTO article6_authorization (id, registry_code, reference, authorized_on, ndc, oimp, first_transfer, quantity, source,
                        actor, recorded_at, transaction_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'TRANSFER', ?9, ?10, ?11)""").setParameter(1, id)
                    .setParameter(2, arrived.registryCode()).setParameter(3, a.reference()).setParameter(4, a.authorizedOn())
                    .setParameter(5, a.uses().contains("NDC")).setParameter(6, a.uses().contains("OIMP")).setParameter(7, a.firstTransfer())
                    .setParameter(8, arrived.size()).setParameter(9, actor).setParameter(10, at).setParameter(11, transaction).executeUpdate();
        }
        boolean authorizedAlready = !em.createNativeQuery(
                "SELECT 1 FROM authorized_range WHERE registry_code = ?1 AND serials @> int8range(?2, ?3, '[]') AND authorization_id = ?4")
                .setParameter(1, arrived.registryCode()).setParameter(2, arrived.range().start()).setParameter(3, arrived.range().end())
                .setParameter(4, id).getResultList().isEmpty();
        if (!authorizedAlready) {
            insertRange(id, arrived.registryCode(), arrived.range(), arrived.attributes().vintage(), at);
        }
        if (a.firstTransferred()) {
            recordFirstTransfer(receivingRegistry, transaction, at, List.of(arrived), "INTERNATIONAL_TRANSFER");
        }
    }

    /**
     * How a block's serials are authorized, as a transfer proposal reports it; {@code firstTransferred}: whether a transfer
     * to another Party now would be their first transfer (it is not recorded yet). Empty if not authorized.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<ExternalTransferProposed.ItmoAuthorization> authorizationOf(Block b) {
        List<?> rows = em.createNativeQuery("""
                SELECT au.reference, au.authorized_on, au.ndc, au.oimp, au.first_transfer,
                       NOT EXISTS (SELECT 1 FROM first_transfer f WHERE f.registry_code = ?1 AND f.serials && int8range(?2, ?3, '[]'))
                FROM authorized_range ar JOIN article6_authorization au ON au.id = ar.authorization_id
                WHERE ar.registry_code = ?1 AND ar.serials @> int8range(?2, ?3, '[]')""").setParameter(1, b.registryCode())
                .setParameter(2, b.range().start()).setParameter(3, b.range().end()).getResultList();
        return rows.stream().findFirst().map(o -> {
            Object[] r = (Object[]) o;
            return new ExternalTransferProposed.ItmoAuthorization((String) r[0], SqlValues.date(r[1]), AefTables.uses(r[2], r[3]), (String) r[4],
                    (Boolean) r[5]);
        });
    }

    @Transactional
    public AdjustmentView adjust(String registryCode, String reference, int year, List<SerialRange> ranges, Caller caller) {
        Registry registry = registries.get(registryCode);
        caller.actForCountry(registry.countryCode());
        return adjust(registry, reference, year, ranges, "OPERATOR", caller.actor());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyPartnerAdjustment(CreditPartnerEvent.CorrespondingAdjustmentNotified event, InboundEvent envelope) {
        Registry registry = registries.ofCountry(event.country()).orElseThrow(() -> new RuleViolation(LedgerRule.REGISTRY_NOT_ACTIVE,
                event.country() + " has no registry"));
        adjust(registry, event.reference(), event.year(), event.ranges().stream().map(r -> new SerialRange(r.start(), r.end())).toList(),
                "PARTNER", Caller.partnerSystem(event.country()).actor());
    }

    private AdjustmentView adjust(Registry registry, String reference, int year, List<SerialRange> ranges, String source, String actor) {
        if (!registry.isHosted()) {
            throw new RuleViolation(Article6Rule.REGISTRY_EXTERNAL, "registry " + registry.code() + " is external");
        }
        Instant at = ledger.now();
        List<LedgerEvent.ItmoRange> recorded = new ArrayList<>();
        for (SerialRange r : ranges) {
            Object covered = em.createNativeQuery("""
                    SELECT coalesce(range_agg(f.serials) @> int8range(?2, ?3, '[]'), false)
                    FROM first_transfer f WHERE f.registry_code = ?1 AND f.serials && int8range(?2, ?3, '[]')""")
                    .setParameter(1, registry.code()).setParameter(2, r.start()).setParameter(3, r.end()).getSingleResult();
            if (!Boolean.TRUE.equals(covered)) {
                throw new RuleViolation(Article6Rule.NOT_FIRST_TRANSFERRED, "serials " + r + " of " + registry.code()
                        + " are not all first-transferred");
            }
            boolean adjusted = !em
                    .createNativeQuery("SELECT 1 FROM corresponding_adjustment WHERE registry_code = ?1 AND serials && int8range(?2, ?3, '[]')")
                    .setParameter(1, registry.code()).setParameter(2, r.start()).setParameter(3, r.end()).getResultList().isEmpty();
            if (adjusted) {
                throw new RuleViolation(Article6Rule.ALREADY_ADJUSTED, "serials " + r + " of " + registry.code() + " are (partly) adjusted already");
            }
            em.createNativeQuery("""
                    INSERT INTO corresponding_adjustment (registry_code, serials, reference, year, source, actor, recorded_at)
                    VALUES (?1, int8range(?2, ?3, '[]'), ?4, ?5, ?6, ?7, ?8)""").setParameter(1, registry.code()).setParameter(2, r.start())
                    .setParameter(3, r.end()).setParameter(4, reference).setParameter(5, year).setParameter(6, source).setParameter(7, actor)
                    .setParameter(8, at).executeUpdate();
            for (Object o : em.createNativeQuery("""
                    SELECT lower(ar.serials * int8range(?2, ?3, '[]')), upper(ar.serials * int8range(?2, ?3, '[]')) - 1, ar.vintage
                    FROM authorized_range ar WHERE ar.registry_code = ?1 AND ar.serials && int8range(?2, ?3, '[]') ORDER BY 1""")
                    .setParameter(1, registry.code()).setParameter(2, r.start()).setParameter(3, r.end()).getResultList()) {
                Object[] part = (Object[]) o;
                recorded.add(itmos.range(registry.code(), new SerialRange(((Number) part[0]).longValue(), ((Number) part[1]).longValue()),
                        ((Number) part[2]).intValue()));
            }
        }
        events.append(new LedgerEvent.CorrespondingAdjustmentRecorded(registry.code(), reference, year, source, recorded, actor, at));
        return new AdjustmentView(registry.code(), reference, year, source, actor, at, recorded);
    }

    @Transactional
    public List<AuthorizationView> authorizations(String registryCode, Caller caller) {
        Registry registry = registries.get(registryCode);
        caller.readCountry(registry.countryCode());
        List<AuthorizationView> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("""
                SELECT id, reference, authorized_on, ndc, oimp, first_transfer, quantity, source, actor, recorded_at, transaction_id
                FROM article6_authorization WHERE registry_code = ?1 ORDER BY seq""").setParameter(1, registry.code()).getResultList()) {
            Object[] r = (Object[]) o;
            UUID id = (UUID) r[0];
            List<LedgerEvent.ItmoRange> ranges = ranges("SELECT registry_code, lower(serials), upper(serials) - 1, vintage FROM authorized_range "
                    + "WHERE authorization_id = ?1 ORDER BY lower(serials)", id);
            List<LedgerEvent.ItmoRange> first = ranges("""
                    SELECT f.registry_code, lower(f.serials), upper(f.serials) - 1, ar.vintage FROM first_transfer f
                    JOIN authorized_range ar ON ar.registry_code = f.registry_code AND ar.serials @> f.serials
                    WHERE f.authorization_id = ?1 ORDER BY lower(f.serials)""", id);
            out.add(new AuthorizationView(id, registry.code(), (String) r[1], SqlValues.date(r[2]), AefTables.uses(r[3], r[4]),
                    (String) r[5], ((Number) r[6]).longValue(), (String) r[7], (String) r[8],
                    SqlValues.instant(r[9]), (UUID) r[10], ranges, first));
        }
        return out;
    }

    private List<LedgerEvent.ItmoRange> ranges(String sql, UUID id) {
        return em.createNativeQuery(sql).setParameter(1, id).getResultList().stream().map(o -> {
            Object[] r = (Object[]) o;
            return itmos.range((String) r[0], new SerialRange(((Number) r[1]).longValue(), ((Number) r[2]).longValue()), ((Number) r[3]).intValue());
        }).toList();
    }
}
