package org.jcm.registry.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole registry on one machine without Docker: a Kafka broker (KRaft) and a PostgreSQL server, both
 * keeping their data under {@code .jcm-local/} between runs (or external ones named by
 * {@code JCM_KAFKA_BOOTSTRAP_SERVERS} and {@code JCM_POSTGRES_URL}), then the three services with bounded heaps.
 * Ctrl-C stops the services first, then the broker, then the database.
 */
public final class LocalRegistry {

    private LocalRegistry() {}

    public static void main(String[] args) throws InterruptedException {
        Path repo = Path.of(System.getProperty("jcm.repo", ".")).toAbsolutePath().normalize();
        Path home = repo.resolve(".jcm-local");
        int kafkaPort = Integer.getInteger("jcm.kafka.port", 9092);
        int postgresPort = Integer.getInteger("jcm.postgres.port", 15432);
        String heap = System.getProperty("jcm.service.heap", "256m");

        System.out.println("Starting PostgreSQL (data in " + home.resolve("postgres") + ") ...");
        PostgresServer postgres = PostgresServer.startOrConnect(home.resolve("postgres"), postgresPort, false);
        System.out.println("Starting Kafka (logs in " + home.resolve("kafka") + ") ...");
        KafkaBroker broker = KafkaBroker.startOrConnect(home.resolve("kafka"), kafkaPort);

        postgres.createDatabaseIfAbsent("jcm");
        List<ServiceProcess> services = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the services ...");
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            System.out.println("Stopping Kafka ...");
            broker.close();
            System.out.println("Stopping PostgreSQL ...");
            postgres.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "jcm-local-stop"));

        for (ServiceProcess.Service s : ServiceProcess.Service.values()) {
            PostgresServer.ServiceDatabase db = postgres.provisionService("jcm", s.schema, s.schema);
            ServiceProcess process = new ServiceProcess(s, repo, s.defaultPort, ServiceProcess.environment(db, broker.bootstrapServers()),
                    home.resolve("logs").resolve(s.dir + ".log"), heap);
            services.add(process);
            System.out.println("Starting " + s.dir + " on " + process.baseUrl() + " (log: .jcm-local/logs/" + s.dir + ".log) ...");
            process.start();
        }
        for (ServiceProcess p : services) {
            p.awaitReady(Duration.ofMinutes(3));
        }

        System.out.println();
        System.out.println("The JCM Registry is running:");
        for (ServiceProcess p : services) {
            System.out.printf("  %-19s %s/q/swagger-ui   (OpenAPI: %s/q/openapi)%n", p.service().dir, p.baseUrl(), p.baseUrl());
        }
        System.out.println("  Kafka               " + broker.bootstrapServers());
        System.out.println("  PostgreSQL          " + postgres.jdbcUrl("jcm") + " (one schema and role per service)");
        System.out.println();
        System.out.println(
                "Try: curl -s -X POST localhost:8081/api/countries -H 'Content-Type: application/json' -d '{\"code\":\"TH\",\"name\":\"Thailand\"}'");
        System.out.println("Press Ctrl-C to stop (services first, then Kafka, then PostgreSQL).");
        stopped.await();
    }
}
