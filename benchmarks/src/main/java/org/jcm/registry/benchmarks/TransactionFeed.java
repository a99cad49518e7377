package org.jcm.registry.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.testsupport.KafkaAccess;
import org.jcm.registry.testsupport.KafkaBroker;

/**
 * A plain Kafka consumer of credit-issuance's transactions topic, as any downstream system would read it: notes when each
 * transaction's event was read, so that a load can be measured from each REST answer (and from the transaction's own time)
 * to its event in a consumer's hands. Reads from the end of the topic as it was when the feed started.
 */
final class TransactionFeed implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** When a transaction's event was read: {@code System.nanoTime()} and the wall clock, and the transaction's own time. */
    record Arrival(long readNanos, Instant readAt, Instant transactionAt) {}

    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    TransactionFeed(KafkaBroker broker) {
        consumer = consumer(broker);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRANSACTIONS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "transaction-feed");
        reader.setDaemon(true);
        reader.start();
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        Properties props = broker.adminCredentials().clientProperties(broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                Instant at = Instant.now();
                try {
                    JsonNode data = JSON.readTree(r.value()).path("data");
                    String id = data.path("transactionId").asText("");
                    if (!id.isEmpty()) {
                        arrivals.putIfAbsent(id, new Arrival(now, at, Instant.parse(data.path("at").asText())));
                    }
                } catch (Exception e) {
                    // not a ledger event of the contract: not ours to measure
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    Arrival arrival(String transactionId) {
        return arrivals.get(transactionId);
    }

    /** Waits until every one of {@code ids} was read, or {@code within} passed; returns how many were read. */
    int await(Collection<String> ids, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            int read = (int) ids.stream().filter(arrivals::containsKey).count();
            if (read == ids.size() || System.nanoTime() > deadline) {
                return read;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(10_000);
    }

    /**
     * The broker's own floor for the same path: one record at a time produced (acks=all) and read back by a plain
     * consumer of the same settings, on a topic of the benchmark's own; microseconds from send to read.
     */
    static Histogram brokerRoundTrip(KafkaBroker broker, int messages) {
        String topic = "jcm.benchmark.round-trip.v1";
        KafkaAccess.createTopics(broker, List.of(topic), 1);
        Histogram h = Report.histogram();
        Properties producerProps = broker.adminCredentials().clientProperties(broker.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = consumer(broker)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < messages; i++) {
                String id = UUID.randomUUID().toString();
                // A record the size of a transfer's event (about 1.5 KB).
                String value = "{\"id\":\"" + id + "\",\"pad\":\"" + "x".repeat(1_400) + "\"}";
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, id, value));
                boolean seen = false;
                long deadline = start + TimeUnit.SECONDS.toNanos(30);
                while (!seen && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        if (id.equals(r.key())) {
                            seen = true;
                        }
                    }
                }
                if (seen && i >= messages / 10) {
                    // the first tenth warms the producer and consumer up
                    Report.record(h, (System.nanoTime() - start) / 1_000);
                }
            }
        }
        return h;
    }
}
