package org.jcm.registry.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Collects the signed checkpoints of one log from the {@code LogCheckpointSigned} CloudEvents on a Kafka topic (a
 * service's {@code jcm.<service>.checkpoints.v1} or a partner's {@code jcm.partner.<cc>.outbound.v1}, which carries
 * other events too).
 *
 * <p>
 * {@link #fetch} reads the topic without a consumer group: it assigns itself every partition, seeks to the beginning
 * and reads up to the end offsets taken at the start, committing nothing, so a partner's user, which may read only its
 * own outbound topic and use only groups named after it, needs no more than read access to the topic. {@link Collector}
 * is the rest, apart from Kafka: it keeps the events of the given origin whose data is a well-formed checkpoint (it does
 * not check signatures: {@link LogVerifier} and {@link ConsistencyProof} do), keeps one per tree size and root, and
 * keeps every root of a size claimed with two different roots, which is evidence of a fork, reported in
 * {@link Result#forks()}.
 *
 * <p>
 * kafka-clients is an optional dependency of this library: only this class needs it, and the verifier jar has it.
 */
public final class CheckpointFetch {

    /** The CloudEvents {@code type} of a signed checkpoint. */
    public static final String EVENT_TYPE = "LogCheckpointSigned";

    /** How long {@link #fetch(Properties, String, String)} waits for the brokers without progress. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private CheckpointFetch() {}

    /**
     * @param checkpoints the origin's checkpoints, one per tree size and root, by tree size (then timestamp)
     * @param forks one line per tree size claimed with different roots: all of them are in checkpoints
     * @param refused one line per {@code LogCheckpointSigned} record that was left out because its data is not a
     *        well-formed checkpoint, or its subject and its data's origin disagree
     * @param notes duplicates that were not identical (the same size and root signed again at another time)
     * @param records the records read
     * @param notCloudEvents records that are not CloudEvents (in structured JSON or binary mode)
     * @param otherTypes CloudEvents of other types
     * @param otherOrigins records of well-formed checkpoints of other origins, counted by origin
     * @param duplicates records of a checkpoint already kept
     */
    public record Result(String origin, List<SignedCheckpoint> checkpoints, List<String> forks, List<String> refused, List<String> notes,
            long records, long notCloudEvents, long otherTypes, Map<String, Long> otherOrigins, long duplicates) {

        public Result {
            checkpoints = List.copyOf(checkpoints);
            forks = List.copyOf(forks);
            refused = List.copyOf(refused);
            notes = List.copyOf(notes);
            otherOrigins = Map.copyOf(otherOrigins);
        }

        /** Forks first, then refused records, then notes. */
        public List<String> warnings() {
            List<String> all = new ArrayList<>(forks);
            all.addAll(refused);
            all.addAll(notes);
            return all;
        }
    }

    /** A broker could not be reached, the user may not read the topic, the topic does not exist, or reading stalled. */
    public static final class FetchException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Result fetch(Properties kafka, String topic, String origin) {
        return fetch(kafka, topic, origin, DEFAULT_TIMEOUT);
    }

    /**
     * Reads every partition of topic from its beginning to the end offset it had when the read started.
     *
     * @param kafka standard Kafka client properties ({@code bootstrap.servers}, {@code security.protocol},
     *        {@code sasl.mechanism}, {@code sasl.jaas.config}, ...); {@code group.id} and {@code group.instance.id} are
     *        ignored, auto-commit is off, the deserializers are this class's
     * @param timeout how long to wait for the brokers without any progress before giving up
     * @throws FetchException if the topic cannot be read
     */
    public static Result fetch(Properties kafka, String topic, String origin, Duration timeout) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "jcm-audit-verifier");
        Collector collector = new Collector(origin);
        String stage = "connecting to " + p.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            stage = "listing the partitions of " + topic;
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new FetchException("topic " + topic + " does not exist (or this user may not see it)", null);
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            stage = "reading the end offsets of " + topic;
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<TopicPartition> remaining = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp, timeout) < end.get(tp)) {
                    remaining.add(tp);
                } else {
                    consumer.pause(List.of(tp));
                }
            }
            stage = "reading " + topic;
            long lastProgress = System.nanoTime();
            while (!remaining.isEmpty()) {
                boolean progress = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        collector.accept("partition " + r.partition() + " offset " + r.offset(), headers(r),
                                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
                        progress = true;
                    }
                }
                for (var it = remaining.iterator(); it.hasNext();) {
                    TopicPartition tp = it.next();
                    if (consumer.position(tp, timeout) >= end.get(tp)) {
                        consumer.pause(List.of(tp));
                        it.remove();
                        progress = true;
                    }
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    StringBuilder where = new StringBuilder();
                    for (TopicPartition tp : remaining) {
                        where.append(where.length() == 0 ? "" : ", ").append("partition ").append(tp.partition()).append(" at offset ")
                                .append(consumer.position(tp, timeout)).append(" of ").append(end.get(tp));
                    }
                    throw new FetchException("no progress reading " + topic + " for " + timeout.toSeconds() + " s (" + where + ")", null);
                }
            }
        } catch (KafkaException e) {
            throw new FetchException(stage + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return collector.result();
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> out = new HashMap<>();
        for (Header h : r.headers()) {
            if (h.value() != null) {
                out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The filtering, checking and de-duplication of {@link #fetch}, fed record by record. */
    public static final class Collector {

        private final String origin;
        private final TreeMap<Long, List<SignedCheckpoint>> bySize = new TreeMap<>();
        private final List<String> refused = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Long> otherOrigins = new TreeMap<>();
        private long records;
        private long notCloudEvents;
        private long otherTypes;
        private long duplicates;

        public Collector(String origin) {
            if (origin == null || origin.isEmpty()) {
                throw new IllegalArgumentException("an origin is needed, e.g. jcm-registry/credit-issuance");
            }
            this.origin = origin;
        }

        /**
         * One record. A structured-mode CloudEvent is a JSON object with {@code specversion} and {@code type}, its
         * checkpoint in {@code data} (or {@code data_base64}); a binary-mode one has a {@code ce_type} header and its
         * checkpoint as the value.
         *
         * @param where names the record in messages, e.g. "partition 0 offset 17"
         * @param headers the record's headers as UTF-8 text (may be empty)
         * @param value the record's value as UTF-8 text, null for none
         */
        public void accept(String where, Map<String, String> headers, String value) {
            records++;
            String type;
            String subject;
            JsonNode data;
            String binaryType = headers.get("ce_type");
            if (binaryType != null) {
                type = binaryType;
                subject = headers.get("ce_subject");
                if (!EVENT_TYPE.equals(type)) {
                    otherTypes++;
                    return;
                }
                try {
                    data = Json.parse(value, "data");
                } catch (IllegalArgumentException e) {
                    refuse(where, subject, e.getMessage());
                    return;
                }
            } else {
                JsonNode event;
                try {
                    event = Json.parse(value, "record");
                } catch (IllegalArgumentException e) {
                    notCloudEvents++;
                    return;
                }
                if (!event.isObject() || !event.path("specversion").isTextual() || !event.path("type").isTextual()) {
                    notCloudEvents++;
                    return;
                }
                type = event.get("type").textValue();
                if (!EVENT_TYPE.equals(type)) {
                    otherTypes++;
                    return;
                }
                subject = event.path("subject").isTextual() ? event.get("subject").textValue() : null;
                data = event.get("data");
                if (data == null && event.path("data_base64").isTextual()) {
                    try {
                        data = Json.parse(new String(Base64.getDecoder().decode(event.get("data_base64").textValue()), StandardCharsets.UTF_8),
                                "data_base64");
                    } catch (IllegalArgumentException e) {
                        refuse(where, subject, e.getMessage());
                        return;
                    }
                }
            }
            SignedCheckpoint sc;
            try {
                sc = wellFormed(data);
            } catch (IllegalArgumentException | NullPointerException e) {
                refuse(where, subject, e.getMessage());
                return;
            }
            String dataOrigin = sc.checkpoint().origin();
            if (subject != null && !subject.equals(dataOrigin) && (subject.equals(origin) || dataOrigin.equals(origin))) {
                refuse(where, subject, "the event's subject is " + subject + " but its checkpoint's origin is " + dataOrigin);
                return;
            }
            if (!dataOrigin.equals(origin)) {
                otherOrigins.merge(dataOrigin, 1L, Long::sum);
                return;
            }
            keep(sc);
        }

        private void keep(SignedCheckpoint sc) {
            Checkpoint c = sc.checkpoint();
            List<SignedCheckpoint> same = bySize.computeIfAbsent(c.treeSize(), k -> new ArrayList<>());
            for (SignedCheckpoint kept : same) {
                if (kept.equals(sc)) {
                    duplicates++;
                    return;
                }
                if (kept.checkpoint().rootHash().equals(c.rootHash())) {
                    duplicates++;
                    notes.add("checkpoint " + c.treeSize() + ": the same root signed again (timestamp " + c.timestamp() + ", key " + sc.keyId()
                            + "); kept the one of " + kept.checkpoint().timestamp() + " (key " + kept.keyId() + ")");
                    return;
                }
            }
            same.add(sc);
        }

        private void refuse(String where, String subject, String why) {
            refused.add(where + (subject == null ? "" : " (subject " + subject + ")") + ": not a well-formed checkpoint, left out: " + why);
        }

        public Result result() {
            List<SignedCheckpoint> out = new ArrayList<>();
            List<String> forks = new ArrayList<>();
            for (List<SignedCheckpoint> same : bySize.values()) {
                List<SignedCheckpoint> sorted = new ArrayList<>(same);
                sorted.sort(Comparator.comparing((SignedCheckpoint s) -> s.checkpoint().timestamp()).thenComparing(s -> s.checkpoint().rootHash()));
                out.addAll(sorted);
                if (sorted.size() > 1) {
                    StringBuilder roots = new StringBuilder();
                    for (SignedCheckpoint s : sorted) {
                        roots.append(roots.length() == 0 ? "" : "; ").append("root ").append(s.checkpoint().rootHash()).append(" at ")
                                .append(s.checkpoint().timestamp()).append(" by key ").append(s.keyId());
                    }
                    forks.add("FORK: " + origin + " has " + sorted.size() + " checkpoints of size " + sorted.get(0).checkpoint().treeSize()
                            + " with different roots (" + roots + "): the log was rewritten, or someone else signs for this origin."
                            + " All are in the output; check their signatures with the log command.");
                }
            }
            return new Result(origin, out, forks, refused, notes, records, notCloudEvents, otherTypes, otherOrigins, duplicates);
        }

        /** The data as a signed checkpoint, with a 16-hex-digit key id, a 64-byte base64 signature and an ISO-8601 timestamp. */
        static SignedCheckpoint wellFormed(JsonNode data) {
            if (data == null || data.isNull()) {
                throw new IllegalArgumentException("the event has no data");
            }
            SignedCheckpoint sc = SignedCheckpoint.fromNode(data);
            if (!sc.keyId().matches("[0-9a-f]{16}")) {
                throw new IllegalArgumentException("checkpoint: \"keyId\" must be 16 lower-case hex characters: " + sc.keyId());
            }
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(sc.signature());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint: \"signature\" is not base64");
            }
            if (sig.length != 64) {
                throw new IllegalArgumentException("checkpoint: \"signature\" must be 64 bytes (Ed25519), not " + sig.length);
            }
            try {
                Instant.parse(sc.checkpoint().timestamp());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("checkpoint: \"timestamp\" is not an ISO-8601 instant: " + sc.checkpoint().timestamp());
            }
            return sc;
        }
    }
}
