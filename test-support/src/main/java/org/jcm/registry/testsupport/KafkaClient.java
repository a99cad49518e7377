package org.jcm.registry.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes and reads on the broker as one Kafka user (the super user, a service or a partner system; see
 * {@link TestInfra#asPartner}), so that its ACLs apply. A refusal surfaces as Kafka's own exception: a
 * {@code TopicAuthorizationException} as the cause of a failed publish, or thrown by a read.
 */
public final class KafkaClient {

    private final String bootstrapServers;
    private final KafkaCredentials credentials;

    public KafkaClient(String bootstrapServers, KafkaCredentials credentials) {
        this.bootstrapServers = bootstrapServers;
        this.credentials = credentials;
    }

    public KafkaCredentials credentials() {
        return credentials;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The client settings of this user, for a producer, consumer or admin client of a test's own. */
    public Properties properties() {
        return credentials.clientProperties(bootstrapServers);
    }

    /** Publishes one record and waits until the broker has it. */
    public RecordMetadata publish(String topic, String key, String value, Header... headers) {
        return publish(topic, null, key, value, headers);
    }

    /**
     * Publishes one record to a given partition (null: by key) and waits until the broker has it; throws an
     * {@link IllegalStateException} whose cause is the broker's refusal if it did not take it.
     */
    public RecordMetadata publish(String topic, Integer partition, String key, String value, Header... headers) {
        Properties props = properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value, List.of(headers));
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish to " + topic + " as " + credentials.username(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + topic + " as " + credentials.username(), e);
        }
    }

    /**
     * Every record on {@code topic} from the beginning, read by a fresh consumer group (its id starts with the user's
     * name, as the ACLs want) until {@code quiet} passes with nothing new.
     */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        Properties props = properties();
        String groupPrefix = credentials.username().equals(KafkaAccess.ADMIN) ? "" : credentials.username() + ".";
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            long pollMillis = 200;
            while (emptyPolls * pollMillis < quiet.toMillis() || records.isEmpty() && emptyPolls * pollMillis < 10_000) {
                var batch = consumer.poll(Duration.ofMillis(pollMillis));
                if (batch.isEmpty()) {
                    emptyPolls++;
                } else {
                    emptyPolls = 0;
                    batch.forEach(records::add);
                }
            }
        }
        return records;
    }
}
