package org.jcm.registry.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.KafkaBroker;

/**
 * What credit-issuance needs from the other services, published as their relays do (structured CloudEvents with the
 * content-type header, the contract's own types and codec) by the broker's operator: a partner country's activation,
 * registered projects and their verified reductions.
 */
final class UpstreamEvents implements AutoCloseable {

    private static final String SHA = "a".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final CloudEventCodec CODEC = CloudEventCodec.standalone(JSON);

    /** A one-day monitoring period of a project, verified for some tonnes of the vintage of its year. */
    record Period(ProjectSnapshot project, LocalDate start, LocalDate end) {

        static Period day(int index) {
            LocalDate start = LocalDate.of(2019, 1, 1).plusDays(2L * index);
            return new Period(null, start, start);
        }

        int vintage() {
            return start.getYear();
        }
    }

    private final KafkaProducer<String, String> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    UpstreamEvents(KafkaBroker broker) {
        Properties props = broker.adminCredentials().clientProperties(broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    void activate(String cc, String alpha3, String name) throws Exception {
        CountrySnapshot country = new CountrySnapshot(cc, alpha3, name, CountryState.ACTIVE, 4, LocalDate.of(2015, 1, 1), LocalDate.of(2015, 1, 1),
                LocalDate.of(2015, 6, 1), new CountrySnapshot.RegistryIdentity(cc, alpha3 + "01", CountrySnapshot.Hosting.HOSTED), null, List.of(),
                null);
        publish(Topics.COUNTRIES, cc, CODEC.encode(UUID.randomUUID(), "/jcm/country-onboarding", "PartnerCountryActivated", cc, Instant.now(),
                new CountryEvent.PartnerCountryActivated(country, "operator", country.activatedOn())));
        flush();
    }

    ProjectSnapshot registerProject(String cc, String reference) {
        List<ProjectSnapshot.Participant> participants = List.of(new ProjectSnapshot.Participant("Government-backed developer of " + cc, cc,
                "PROJECT_PARTICIPANT", true, null));
        ProjectSnapshot project = new ProjectSnapshot(UUID.randomUUID().toString(), cc + "_PIN" + reference.substring(2), reference,
                "Project " + reference, cc, UUID.randomUUID().toString(), cc + "_AM001", 1, 1, ProjectState.REGISTERED, 7, participants,
                new ProjectSnapshot.Period(LocalDate.of(2018, 1, 1), LocalDate.of(2030, 12, 31)), 500, new ProjectSnapshot.CreditAllocation(
                        new BigDecimal("50"), new BigDecimal("0"), new BigDecimal("50")),
                null, List.of(), LocalDate.of(2017, 1, 1), null, null, null, null, new JcDecision("JC-" + cc + "-REG", LocalDate.of(2017, 9, 1)),
                null, null);
        publish(Topics.PROJECTS, project.id(), CODEC.encode(UUID.randomUUID(), "/jcm/project-registry", "ProjectRegistered", project.id(),
                Instant.now(), new ProjectEvent.ProjectRegistered(project, "operator", project.registration())));
        return project;
    }

    /** Publishes a positive verification of one period of {@code project}: {@code tonnes} of the period's vintage. */
    Period verify(ProjectSnapshot project, Period day, long tonnes) {
        Period p = new Period(project, day.start(), day.end());
        List<ProjectEvent.VintageAmount> amounts = List.of(new ProjectEvent.VintageAmount(p.vintage(), tonnes));
        ProjectEvent.ReductionsVerified event = new ProjectEvent.ReductionsVerified(project, "operator", UUID.randomUUID().toString(), null,
                project.reference(), project.hostCountry(), project.methodologyReference(), UUID.randomUUID().toString(),
                new ProjectSnapshot.Period(p.start(), p.end()), amounts, tonnes, "TPE-" + project.hostCountry() + "-1", "Verifier "
                        + project.hostCountry(),
                p.end().plusMonths(3), new DocumentReference("MONITORING_REPORT", "https://jcm.example/mr.pdf", SHA), new DocumentReference(
                        "VERIFICATION_REPORT", "https://jcm.example/vr.pdf", SHA),
                project.creditAllocation());
        publish(Topics.PROJECTS, project.id(), CODEC.encode(UUID.randomUUID(), "/jcm/project-registry", "ReductionsVerified", project.id(),
                Instant.now(), event));
        return p;
    }

    private void publish(String topic, String key, String value) {
        sent.add(producer.send(new ProducerRecord<>(topic, null, key, value, List.of(new RecordHeader("content-type",
                "application/cloudevents+json".getBytes(StandardCharsets.UTF_8))))));
    }

    /** Waits until the broker has every event published so far. */
    void flush() throws Exception {
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        sent.clear();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
