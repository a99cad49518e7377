package org.jcm.registry.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.jcm.registry.testsupport.ServiceProcess.Service;

/**
 * The whole registry for one end-to-end or fault class: a PostgreSQL server and a Kafka broker of its own, in a work
 * directory of its own, and the three packaged services as separate processes (a schema, a role and a Kafka user each),
 * trusting the class's own token key. Each part can fail on purpose: a service killed ({@code kill -9}) and restarted,
 * the broker or the database server stopped and started again on the same data and port.
 */
public final class RunningRegistry implements AutoCloseable {

    public static final String DATABASE = "jcm";

    public final Path repo;
    public final Path work;
    public final PostgresServer postgres;
    public final Map<Service, PostgresServer.ServiceDatabase> databases = new EnumMap<>(Service.class);
    public final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final int brokerPort;
    private volatile KafkaBroker broker;
    private ServiceProcess site;

    private RunningRegistry(Path work) {
        repo = Path.of(System.getProperty("jcm.repo.root", "..")).toAbsolutePath().normalize();
        this.work = work;
        // Another end-to-end class of this JVM may have provisioned Kafka users on its own (now stopped) broker.
        TestInfra.forgetKafkaUsers();
        postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, true);
        // A fixed port (and the controller's next to it), so that a restarted broker is where the clients left it.
        brokerPort = Ports.free();
        broker = KafkaBroker.startOrConnect(work.resolve("kafka"), brokerPort);
        // Each service as its own Kafka user with its real ACLs (KafkaAccess); its topics exist before any service starts.
        TestInfra.useKafka(broker);
        for (Service s : Service.values()) {
            TestInfra.serviceCredentials(s.dir);
        }
        postgres.createDatabaseIfAbsent(DATABASE);
        Tokens.writeKeyPair(work.resolve("jwt"));
        System.setProperty(TestInfra.JWT_KEY_DIR, work.resolve("jwt").toString());
    }

    /** Starts everything, in {@code {module}/target/{name}-{pid}}, and waits until the three services are ready. */
    public static RunningRegistry start(String module, String name) {
        Path repo = Path.of(System.getProperty("jcm.repo.root", "..")).toAbsolutePath().normalize();
        RunningRegistry registry = new RunningRegistry(repo.resolve(module + "/target/" + name + "-" + ProcessHandle.current().pid()));
        for (Service s : Service.values()) {
            registry.databases.put(s, registry.postgres.provisionService(DATABASE, s.schema, s.schema));
            registry.services.put(s, registry.process(s, 0).start());
        }
        registry.services.values().forEach(p -> p.awaitReady(Duration.ofMinutes(3)));
        // A test JVM stopped before its @AfterAll (Ctrl-C, a build timeout) takes its services with it, not leaving
        // them running for hours against a broker and a database that are gone.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> registry.services.values().forEach(ServiceProcess::kill), "jcm-registry-stop"));
        return registry;
    }

    /** A process of service {@code s} on {@code port} (0: any), not started: to start it, or to restart it after a stop. */
    public ServiceProcess process(Service s, int port) {
        Map<String, String> env = new HashMap<>(
                ServiceProcess.environment(databases.get(s), broker.bootstrapServers(), TestInfra.serviceCredentials(s.dir)));
        env.putAll(ServiceProcess.trusting(work.resolve("jwt").resolve("jwt-public.pem"), Api.ISSUER));
        env.putAll(ServiceProcess.signingCheckpoints(work.resolve("audit").resolve(s.dir)));
        return new ServiceProcess(s, repo, port, env, work.resolve("logs").resolve(s.dir + ".log"), "256m");
    }

    public String url(Service s) {
        return services.get(s).baseUrl();
    }

    /** Starts the public site, reading this registry's project-registry and credit-issuance, and waits until it is ready. */
    public ServiceProcess startSite() {
        site = ServiceProcess.site(repo, 0, url(Service.PROJECT_REGISTRY), url(Service.CREDIT_ISSUANCE), Map.of(),
                work.resolve("logs").resolve(ServiceProcess.SITE + ".log")).start();
        ServiceProcess started = site;
        Runtime.getRuntime().addShutdownHook(new Thread(started::kill, "jcm-site-stop"));
        return site.awaitReady(Duration.ofMinutes(2));
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** {@code kill -9}: the service gets no chance to finish a request, commit, stamp or leave its consumer groups. */
    public void kill(Service s) {
        services.get(s).kill();
    }

    /** Starts a stopped or killed service again on its port and waits until it is ready. */
    public void restart(Service s) {
        ServiceProcess old = services.get(s);
        old.close();
        services.put(s, process(s, old.port()).start().awaitReady(Duration.ofMinutes(3)));
    }

    /** Stops the broker for {@code downFor}, then starts it again on the same data and port. */
    public void restartBroker(Duration downFor) {
        restartBroker(downFor, () -> {
        });
    }

    /** Stops the broker for {@code downFor}, running {@code whileDown} in that time, then starts it again on the same data and port. */
    public void restartBroker(Duration downFor, Runnable whileDown) {
        long until = System.nanoTime() + downFor.toNanos();
        broker.close();
        whileDown.run();
        LockSupport.parkNanos(Math.max(0, until - System.nanoTime()));
        broker = KafkaBroker.start(work.resolve("kafka"), brokerPort, broker.adminCredentials());
    }

    /** Stops the PostgreSQL server (fast shutdown: sessions are cut) for {@code downFor}, then starts it again on the same data. */
    public void restartPostgres(Duration downFor) {
        if (!postgres.isEmbedded()) {
            throw new IllegalStateException("only a PostgreSQL server started here can be restarted by the test");
        }
        PostgresServer.downFor(work.resolve("postgres"), downFor, () -> {
        });
    }

    @Override
    public void close() {
        if (site != null) {
            site.close();
        }
        services.values().forEach(ServiceProcess::close);
        broker.close();
        postgres.close();
        TestInfra.forgetKafkaUsers();
    }
}
