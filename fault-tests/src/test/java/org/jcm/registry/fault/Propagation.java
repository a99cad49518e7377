package org.jcm.registry.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How long events took from their producer to each consumer: from the moment a service appended an event to its log (or
 * the partner's system sent it) to the moment the consuming service applied it, both read from the one PostgreSQL
 * server's clock and the test's (the same machine), per topic and consumer.
 */
final class Propagation {

    /** The figures of one topic at one consumer, in seconds. */
    record Figure(String topic, String consumer, int events, double p50, double p99, double max) {

        @Override
        public String toString() {
            return "%-40s %-20s %6d events  p50 %6.3f s  p99 %6.3f s  max %6.3f s".formatted(topic, consumer, events, p50, p99, max);
        }
    }

    private static final String[][] CONSUMERS = {{"country_onboarding", "country-onboarding"}, {"project_registry", "project-registry"},
            {"credit_issuance", "credit-issuance"}};

    private Propagation() {}

    /** Every event a service produced in {@code [from, to)} and another applied, and every partner event sent then. */
    static List<Figure> of(Invariants db, Instant from, Instant to, Workload work) throws SQLException {
        Map<String, List<Double>> seconds = new TreeMap<>();
        StringBuilder produced = new StringBuilder();
        for (String[] p : CONSUMERS) {
            produced.append(produced.length() == 0 ? "" : " UNION ALL ").append("SELECT event_id, topic, occurred_at FROM ").append(p[0])
                    .append(".event_log WHERE occurred_at >= ? AND occurred_at < ?");
        }
        try (Connection c = db.connection()) {
            for (String[] consumer : CONSUMERS) {
                try (PreparedStatement s = c.prepareStatement("SELECT p.topic, EXTRACT(EPOCH FROM (e.processed_at - p.occurred_at)) FROM ("
                        + produced + ") p JOIN " + consumer[0] + ".processed_event e ON e.event_id = p.event_id")) {
                    for (int i = 0; i < CONSUMERS.length; i++) {
                        s.setTimestamp(2 * i + 1, Timestamp.from(from));
                        s.setTimestamp(2 * i + 2, Timestamp.from(to));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            seconds.computeIfAbsent(rs.getString(1) + "\t" + consumer[1], k -> new ArrayList<>()).add(rs.getDouble(2));
                        }
                    }
                }
            }
            partnerEvents(c, from, to, work.partnerEvents, Workload.INBOUND, "country_onboarding", seconds);
            partnerEvents(c, from, to, work.article6Events, Workload.A6_INBOUND, "credit_issuance", seconds);
        }
        List<Figure> figures = new ArrayList<>();
        seconds.forEach((key, values) -> {
            Collections.sort(values);
            String[] k = key.split("\t");
            figures.add(new Figure(k[0], k[1], values.size(), percentile(values, 0.50), percentile(values, 0.99), values.get(values.size() - 1)));
        });
        return figures;
    }

    /** From the partner's send to the consumer's processing, for the partner events sent in {@code [from, to)}. */
    private static void partnerEvents(Connection c, Instant from, Instant to, Map<String, Instant> sentAt, String topic, String schema,
            Map<String, List<Double>> seconds) throws SQLException {
        UUID[] sent = sentAt.entrySet().stream().filter(e -> !e.getValue().isBefore(from) && e.getValue().isBefore(to))
                .map(e -> UUID.fromString(e.getKey())).toArray(UUID[]::new);
        try (PreparedStatement s = c.prepareStatement("SELECT event_id, processed_at FROM " + schema + ".processed_event WHERE event_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", sent));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant applied = rs.getTimestamp(2).toInstant();
                    Instant at = sentAt.get(rs.getObject(1, UUID.class).toString());
                    seconds.computeIfAbsent(topic + "\t" + schema.replace('_', '-'), k -> new ArrayList<>())
                            .add((applied.toEpochMilli() - at.toEpochMilli()) / 1000.0);
                }
            }
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
