package org.jcm.registry.testsupport;

import java.security.SecureRandom;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A Kafka identity: a SCRAM-SHA-512 user name and its password, and the client settings that authenticate as it
 * ({@code SASL_PLAINTEXT}: the in-process and launcher brokers listen on the loopback interface only).
 */
public record KafkaCredentials(String username, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public KafkaCredentials {
        if (username == null || !username.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Not a Kafka user name this registry uses: " + username);
        }
        if (password == null || password.isEmpty() || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("A Kafka password must be non-empty, without quotes or backslashes");
        }
    }

    /** A fresh random password (32 letters and digits, about 186 bits) for {@code username}. */
    public static KafkaCredentials random(String username) {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new KafkaCredentials(username, password.toString());
    }

    /** The {@code sasl.jaas.config} value of a client authenticating as this user. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username + "\" password=\"" + password + "\";";
    }

    /** The settings of a Kafka client (producer, consumer or admin) authenticating as this user. */
    public Properties clientProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put(SaslConfigs.SASL_MECHANISM, KafkaAccess.MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
        return props;
    }

    @Override
    public String toString() {
        return "KafkaCredentials[" + username + "]";
    }
}
