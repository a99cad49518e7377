package org.jcm.registry.fault;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.KafkaClient;
import org.jcm.registry.testsupport.PartnerEvents;
import org.jcm.registry.testsupport.ServiceProcess.Service;

/**
 * A stream of the registry's real work, from several callers at once, on the same accounts and blocks: the participant
 * transfers to its government and the operator back, both retire and cancel; the operator and the partner's system
 * designate TPEs (country steps, over REST and on the inbound topic); new project ideas are submitted; and one caller
 * goes through the whole issuance cycle (monitoring, verification, request, decision) month after month. Everything
 * answered 2xx is tallied, so the suite can check afterwards that the registry holds exactly that.
 */
final class Workload {

    static final String COUNTRY = "MN";
    static final String PARTICIPANT = "PP-MN-0001";
    static final String PARTICIPANT_ACCOUNT = "MN-200-000001";
    static final String GOVERNMENT_ACCOUNT = "MN-100-1";
    static final String PROJECT = "MN001";
    static final String TPE = "TPE-MN-JQA";
    static final String PARTNER_SOURCE = PartnerEvents.source(COUNTRY);
    static final String INBOUND = "jcm.partner.mn.inbound.v1";
    /** Thailand, under Article 6: its partner system authorizes ITMOs, its government transfers them to Japan's registry. */
    static final String A6_COUNTRY = "TH";
    static final String A6_PROJECT = "TH001";
    static final String A6_ACCOUNT = "TH-100-1";
    static final String A6_INBOUND = "jcm.partner.th.inbound.v1";
    /** Past this many designations, country steps give way to transfers: each country event carries the country's whole TPE list. */
    static final int MAX_TPES = 1000;
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final Client client;
    private final Map<String, KafkaClient> partners;
    private final Map<String, KafkaProducer<String, String>> producers = new ConcurrentHashMap<>();

    /** Tonnes moved by answered (2xx) requests, and how many requests of each kind were answered 2xx or refused (4xx). */
    final LongAdder toGovernment = new LongAdder();
    final LongAdder toParticipant = new LongAdder();
    final LongAdder retired = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder issued = new LongAdder();
    final LongAdder toJapan = new LongAdder();
    final Map<String, LongAdder> answered = new ConcurrentHashMap<>();
    final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    /** Ledger transactions the registry answered 2xx for, by id. */
    final Set<String> transactions = ConcurrentHashMap.newKeySet();
    /** External transfers the registry answered 2xx for, by id. */
    final Set<String> externalTransfers = ConcurrentHashMap.newKeySet();
    /** Mongolia's partner events (country-onboarding's) the broker acknowledged, by event id, with the time they were sent. */
    final Map<String, Instant> partnerEvents = new ConcurrentHashMap<>();
    /** Thailand's Article 6 authorizations (credit-issuance's) the broker acknowledged, by event id, with the time they were sent. */
    final Map<String, Instant> article6Events = new ConcurrentHashMap<>();
    /** Every partner event sent, by event id: its topic and record value, to send again. */
    final Map<String, List<String>> partnerRecords = new ConcurrentHashMap<>();
    /** TPEs designated outside the stream (the poison scenario's late designation). */
    final AtomicInteger extraTpes = new AtomicInteger();
    final AtomicInteger tpeSequence = new AtomicInteger();
    final AtomicInteger article6Sequence = new AtomicInteger();
    final AtomicInteger projectSequence = new AtomicInteger();
    final AtomicInteger monitoringMonth = new AtomicInteger();

    Workload(Client client, Map<String, KafkaClient> partners) {
        this.client = client;
        this.partners = Map.copyOf(partners);
    }

    /**
     * Runs the stream with {@code concurrency} callers for {@code duration}; halfway, {@code fault} runs on this thread
     * (the callers go on while it does). Returns once every caller has a final answer for its last request.
     */
    void run(Duration duration, int concurrency, Runnable fault) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> callers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            boolean issuer = i == 0;
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        if (issuer) {
                            issuanceCycle();
                        } else {
                            oneStep();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "workload-" + i);
            t.start();
            callers.add(t);
        }
        LockSupport.parkNanos(duration.toNanos() / 2);
        fault.run();
        LockSupport.parkNanos(duration.toNanos() / 2);
        stop.set(true);
        for (Thread t : callers) {
            try {
                t.join(TimeUnit.MINUTES.toMillis(6));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a caller of the workload failed: " + failures.get(0));
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    /** One request of a caller, of a kind picked at random. */
    void oneStep() {
        int pick = ThreadLocalRandom.current().nextInt(100);
        long quantity = 1 + ThreadLocalRandom.current().nextInt(3);
        if (pick < 24) {
            transfer(quantity);
        } else if (pick < 36) {
            transferBack(quantity);
        } else if (pick < 48) {
            retire(quantity);
        } else if (pick < 56) {
            authorizeByPartner();
        } else if (pick < 66) {
            move("external transfer", Service.CREDIT_ISSUANCE, "/api/external-transfers", Api.tokens().partner(A6_COUNTRY), """
                    {"fromAccount": "%s", "toRegistry": "JP", "toAccount": "JP-100-1", "quantity": %d,
                     "decision": "Thailand's approval of the international transfer"}""".formatted(A6_ACCOUNT, quantity), toJapan, quantity,
                    externalTransfers);
        } else if (pick < 70) {
            move("cancellation", Service.CREDIT_ISSUANCE, "/api/cancellations", participant(), """
                    {"fromAccount": "%s", "quantity": %d, "reason": "Voluntary cancellation for the overall mitigation in global emissions"}"""
                    .formatted(PARTICIPANT_ACCOUNT, quantity), cancelled, quantity, transactions);
        } else if (pick < 90 && tpeSequence.get() >= MAX_TPES) {
            // A country has a handful of TPEs, not thousands: past the cap, a long soak transfers instead.
            transfer(quantity);
        } else if (pick < 79) {
            designateTpe();
        } else if (pick < 90) {
            designateTpeByPartner();
        } else {
            submitProjectIdea();
        }
    }

    /** The operator designates a TPE for Mongolia (country-onboarding, REST). */
    void designateTpe() {
        int n = tpeSequence.incrementAndGet();
        tally("tpe designation", client.post(Service.COUNTRY_ONBOARDING, "/api/countries/" + COUNTRY + "/tpes", operator(), """
                {"tpeId": "TPE-MN-R%05d", "name": "Verifier %d", "sectoralScopes": [1], "designatedOn": "2019-01-01"}""".formatted(n, n)));
    }

    /** Mongolia's partner system designates a TPE (country-onboarding, inbound topic); returns the event id. */
    String designateTpeByPartner() {
        int n = tpeSequence.incrementAndGet();
        String id = UUID.randomUUID().toString();
        Instant sent = publishPartnerEvent(COUNTRY, INBOUND, id, "TpeDesignationNotified", COUNTRY, """
                {"country": "MN", "tpeId": "TPE-MN-P%05d", "name": "Partner-designated verifier %d", "sectoralScopes": [1],
                 "designatedOn": "2019-02-01", "decisionReference": "JC-MN-TPE-%d"}""".formatted(n, n, n));
        partnerEvents.put(id, sent);
        return id;
    }

    /** Thailand's partner system authorizes one ITMO for NDC use (credit-issuance, inbound topic); returns the event id. */
    String authorizeByPartner() {
        int n = article6Sequence.incrementAndGet();
        String id = UUID.randomUUID().toString();
        Instant sent = publishPartnerEvent(A6_COUNTRY, A6_INBOUND, id, "CreditsAuthorized", A6_COUNTRY, """
                {"country": "TH", "reference": "TH-A6-F-%05d", "authorizedOn": "2025-05-14", "uses": ["NDC"], "firstTransfer": null,
                 "ranges": null, "projectReference": "%s", "vintages": [2024], "quantity": 1}""".formatted(n, A6_PROJECT));
        article6Events.put(id, sent);
        return id;
    }

    /** A project participant's idea for Mongolia (project-registry, REST). */
    void submitProjectIdea() {
        int n = projectSequence.incrementAndGet();
        tally("project idea", client.post(Service.PROJECT_REGISTRY, "/api/projects", operator(), """
                {"title": "Fault suite solar project %d", "hostCountry": "MN", "methodology": "MN_AM001",
                 "participants": [
                   {"name": "Japanese Solar Developer Co.", "country": "JP", "role": "PROJECT_PARTICIPANT", "focalPoint": true}],
                 "creditingPeriod": {"start": "2020-01-01", "end": "2030-12-31"},
                 "estimatedAnnualReductions": 1000,
                 "creditAllocation": {"governmentOfJapan": 50, "partnerGovernment": 10, "participants": 40},
                 "documents": [{"kind": "PIN", "uri": "https://jcm.example.org/docs/fault-%d.pdf", "sha256": "%s"}],
                 "submittedOn": "2019-03-01"}""".formatted(n, n, SHA)));
    }

    /**
     * One month of the project's life: the participant's monitoring report, the TPE's verification, then, once
     * credit-issuance has the verification, the participant's request and the operator's decision issuing 10 tonnes.
     */
    void issuanceCycle() {
        int month = monitoringMonth.getAndIncrement();
        LocalDate start = LocalDate.of(2018, 1, 1).plusMonths(month);
        LocalDate end = start.plusMonths(1).minusDays(1);
        if (end.isAfter(LocalDate.of(2025, 12, 31))) {
            oneStep();
            return;
        }
        int year = start.getYear();
        Client.Answer report = client.post(Service.PROJECT_REGISTRY, "/api/projects/" + PROJECT + "/monitoring-reports", participant(), """
                {"period": {"start": "%s", "end": "%s"}, "claimedReductions": [{"vintage": %d, "tonnes": 10}], "totalClaimed": 10,
                 "submittedOn": "%s", "document": {"uri": "https://jcm.example.org/mn001/monitoring-%d.pdf", "sha256": "%s"}}"""
                .formatted(start, end, year, end.plusDays(20), month, SHA));
        tally("monitoring report", report);
        if (!report.ok()) {
            return;
        }
        String reportId = report.json().getString("id");
        Client.Answer verification = client.post(Service.PROJECT_REGISTRY, "/api/projects/" + PROJECT + "/monitoring-reports/" + reportId
                + "/verifications", operator(),
                """
                        {"tpeId": "%s", "verifiedOn": "%s", "opinion": "POSITIVE", "verifiedReductions": [{"vintage": %d, "tonnes": 10}],
                         "totalVerified": 10, "report": {"uri": "https://jcm.example.org/mn001/verification-%d.pdf", "sha256": "%s"}}"""
                        .formatted(TPE, end.plusMonths(2).plusDays(15), year, month, SHA));
        tally("verification", verification);
        if (!verification.ok()) {
            return;
        }
        Client.Answer request;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        do {
            request = client.post(Service.CREDIT_ISSUANCE, "/api/issuances", participant(), """
                    {"projectReference": "%s", "monitoringPeriodStart": "%s", "monitoringPeriodEnd": "%s"}""".formatted(PROJECT, start, end));
            // Not yet: the verification is on its way from project-registry (JCM-ISS-003).
            if (request.status() == 422 && "JCM-ISS-003".equals(request.code()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                continue;
            }
            break;
        } while (true);
        tally("issuance request", request);
        if (!request.ok()) {
            return;
        }
        Client.Answer decision = client.post(Service.CREDIT_ISSUANCE, "/api/issuances/" + request.json().getString("id") + "/decision", operator(),
                """
                        {"decisionReference": "JC-MN-FAULT-%d", "decidedOn": "%s",
                         "lines": [{"registry": "MN", "account": "%s", "vintage": %d, "quantity": 10}]}"""
                        .formatted(month, end.plusMonths(3), PARTICIPANT_ACCOUNT, year));
        tally("issuance decision", decision);
        if (decision.ok()) {
            issued.add(10);
        }
    }

    /** The participant transfers to its government. */
    void transfer(long quantity) {
        move("transfer", Service.CREDIT_ISSUANCE, "/api/transfers", participant(), """
                {"fromAccount": "%s", "toAccount": "%s", "quantity": %d}""".formatted(PARTICIPANT_ACCOUNT, GOVERNMENT_ACCOUNT, quantity),
                toGovernment, quantity, transactions);
    }

    /** The operator transfers from the government's account back to the participant. */
    void transferBack(long quantity) {
        move("transfer back", Service.CREDIT_ISSUANCE, "/api/transfers", operator(), """
                {"fromAccount": "%s", "toAccount": "%s", "quantity": %d}""".formatted(GOVERNMENT_ACCOUNT, PARTICIPANT_ACCOUNT, quantity),
                toParticipant, quantity, transactions);
    }

    /** The participant retires. */
    void retire(long quantity) {
        move("retirement", Service.CREDIT_ISSUANCE, "/api/retirements", participant(), """
                {"fromAccount": "%s", "quantity": %d, "purpose": "VOLUNTARY", "beneficiary": "Ulaanbaatar Clean Air Fund", "yearOfUse": 2026}"""
                .formatted(PARTICIPANT_ACCOUNT, quantity), retired, quantity, transactions);
    }

    private void move(String kind, Service s, String path, String token, String json, LongAdder moved, long quantity, Set<String> ids) {
        Client.Answer answer = client.post(s, path, token, json);
        tally(kind, answer);
        if (answer.ok()) {
            moved.add(quantity);
            ids.add(answer.json().getString("id"));
        }
    }

    private void tally(String kind, Client.Answer answer) {
        if (answer.ok()) {
            answered.computeIfAbsent(kind, k -> new LongAdder()).increment();
        } else {
            refused.computeIfAbsent(kind + " " + answer.status() + " " + answer.code(), k -> new LongAdder()).increment();
        }
    }

    long answered(String kind) {
        LongAdder n = answered.get(kind);
        return n == null ? 0 : n.sum();
    }

    /** Publishes as the country's partner system, sending the same record again until the broker acknowledges it. */
    Instant publishPartnerEvent(String country, String topic, String id, String type, String subject, String data) {
        String event = PartnerEvents.cloudEvent(id, PartnerEvents.source(country), type, subject, data);
        Instant sent = Instant.now();
        publish(country, topic, country, event);
        partnerRecords.put(id, List.of(country, topic, event));
        return sent;
    }

    /** Sends {@code value} on the country's partner producer until the broker acknowledges it (a broker restart is waited out). */
    void publish(String country, String topic, String key, String value) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                producer(country).send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker did not take a partner event within three minutes", e);
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
    }

    static String cloudEvent(String id, String type, String subject, String data) {
        return PartnerEvents.cloudEvent(id, PARTNER_SOURCE, type, subject, data);
    }

    private KafkaProducer<String, String> producer(String country) {
        return producers.computeIfAbsent(country, c -> {
            Properties props = partners.get(c).properties();
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        });
    }

    void close() {
        producers.values().forEach(p -> p.close(Duration.ofSeconds(5)));
    }

    static String operator() {
        return Api.tokens().operator();
    }

    static String participant() {
        return Api.tokens().participant(PARTICIPANT);
    }
}
