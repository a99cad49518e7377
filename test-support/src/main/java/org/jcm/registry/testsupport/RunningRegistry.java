package org.jcm.registry.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.KafkaBroker;
import org.jcm.registry.testsupport.PostgresServer;
import org.jcm.registry.testsupport.ServiceProcess;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.jcm.registry.testsupport.TestInfra;
import org.jcm.registry.testsupport.Tokens;

/**
 * The whole registry for one end-to-end class: a PostgreSQL server and a Kafka broker of its own, in a work directory
 * of its own, and the three packaged services as separate processes (a schema, a role and a Kafka user each), trusting
 * the class's own token key.
 */
final class RunningRegistry implements AutoCloseable {

    static final String DATABASE = "jcm";

    final Path repo;
    final Path work;
    final PostgresServer postgres;
    final KafkaBroker broker;
    final Map<Service, PostgresServer.ServiceDatabase> databases = new EnumMap<>(Service.class);
    final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);

    private RunningRegistry(String name) {
        repo = Path.of(System.getProperty("jcm.repo.root", "..")).toAbsolutePath().normalize();
        work = repo.resolve("e2e-tests/target/" + name + "-" + ProcessHandle.current().pid());
        // Another end-to-end class of this JVM may have provisioned Kafka users on its own (now stopped) broker.
        TestInfra.forgetKafkaUsers();
        postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, true);
        broker = KafkaBroker.startOrConnect(work.resolve("kafka"), 0);
        // Each service as its own Kafka user with its real ACLs (KafkaAccess); its topics exist before any service starts.
        TestInfra.useKafka(broker);
        for (Service s : Service.values()) {
            TestInfra.serviceCredentials(s.dir);
        }
        postgres.createDatabaseIfAbsent(DATABASE);
        Tokens.writeKeyPair(work.resolve("jwt"));
        System.setProperty(TestInfra.JWT_KEY_DIR, work.resolve("jwt").toString());
    }

    /** Starts everything and waits until the three services are ready. */
    static RunningRegistry start(String name) {
        RunningRegistry registry = new RunningRegistry(name);
        for (Service s : Service.values()) {
            registry.databases.put(s, registry.postgres.provisionService(DATABASE, s.schema, s.schema));
            registry.services.put(s, registry.process(s, 0).start());
        }
        registry.services.values().forEach(p -> p.awaitReady(Duration.ofMinutes(3)));
        return registry;
    }

    /** A process of service {@code s} on {@code port} (0: any), not started: to start it, or to restart it after a stop. */
    ServiceProcess process(Service s, int port) {
        Map<String, String> env = new HashMap<>(
                ServiceProcess.environment(databases.get(s), broker.bootstrapServers(), TestInfra.serviceCredentials(s.dir)));
        env.putAll(ServiceProcess.trusting(work.resolve("jwt").resolve("jwt-public.pem"), Api.ISSUER));
        return new ServiceProcess(s, repo, port, env, work.resolve("logs").resolve(s.dir + ".log"), "256m");
    }

    String url(Service s) {
        return services.get(s).baseUrl();
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        broker.close();
        postgres.close();
        TestInfra.forgetKafkaUsers();
    }
}
