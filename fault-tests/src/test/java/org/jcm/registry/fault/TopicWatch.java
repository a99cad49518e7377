package org.jcm.registry.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jcm.registry.testsupport.TestInfra;

/**
 * What is on the topics the services publish to, read from the first offset by the broker's operator, without a
 * consumer group: the CloudEvent ids seen on each topic so far. Each {@link #catchUp} reads on to the current end, so a
 * check after every fault costs only what was published since the last.
 */
final class TopicWatch implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Set<String>> ids = new ConcurrentHashMap<>();
    private KafkaConsumer<String, String> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();

    /** Reads every topic of {@code topics} up to its current end; returns the event ids seen on each. */
    synchronized Map<String, Set<String>> catchUp(Set<String> topics) {
        if (consumer == null) {
            Properties props = TestInfra.asAdmin().properties();
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        }
        List<TopicPartition> partitions = new ArrayList<>(assigned);
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                if (!assigned.contains(tp)) {
                    partitions.add(tp);
                }
            }
        }
        if (partitions.size() > assigned.size()) {
            List<TopicPartition> fresh = partitions.stream().filter(tp -> !assigned.contains(tp)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(fresh);
            assigned.addAll(fresh);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read the topics to their end within two minutes");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                idOf(r.value()).ifPresent(id -> ids.computeIfAbsent(r.topic(), t -> ConcurrentHashMap.newKeySet()).add(id));
            }
        }
        return ids;
    }

    private java.util.Optional<String> idOf(String value) {
        try {
            JsonNode id = value == null ? null : mapper.readTree(value).path("id");
            return id == null || !id.isTextual() ? java.util.Optional.empty() : java.util.Optional.of(id.asText());
        } catch (java.io.IOException e) {
            // A poison record the suite wrote: no event of any log.
            return java.util.Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
