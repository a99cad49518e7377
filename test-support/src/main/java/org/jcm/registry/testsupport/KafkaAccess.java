package org.jcm.registry.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the registry's Kafka cluster: the one description of its Kafka identities (SCRAM-SHA-512 users)
 * and their ACLs. The test resource, the local launcher and the end-to-end tests apply it with {@link #provisionService}
 * and {@link #provisionPartner}; {@code docker-compose.yml} (service {@code kafka-init}) and the {@code KafkaUser}
 * resources in {@code deploy/k8s} mirror it (see "Kafka identities" in platform/README.md).
 *
 * <ul>
 * <li>The super user {@value #ADMIN} (the broker operator) is the only one that is not described here: it may do
 * anything.</li>
 * <li>Each service user (named after the service) creates, writes and describes its own topics, by the prefix
 * {@code jcm.{service}.} (its aggregate topics and its dead-letter topic); reads the other services' topics it
 * consumes; writes (and, where it consumes partner inbound events, reads) the partner topics by the prefix
 * {@code jcm.partner.}, since a service answers every partner on its outbound topic and a Kafka ACL cannot put a
 * wildcard in the middle of a name; and uses only the consumer groups whose ids start with its name.</li>
 * <li>Each partner user {@code partner-{cc}} writes only {@code jcm.partner.{cc}.inbound.v1}, reads only
 * {@code jcm.partner.{cc}.outbound.v1}, and uses only the consumer groups whose ids start with its name.</li>
 * </ul>
 *
 * <p>Nothing else is granted: the broker runs {@code StandardAuthorizer} with
 * {@code allow.everyone.if.no.acl.found=false}. An idempotent producer needs no grant of its own (WRITE on a topic
 * implies it since Kafka 3.0), and no service uses transactions.
 */
public final class KafkaAccess {

    /** The super user: the broker operator (the launcher, the test resource, {@link TestInfra#publish}). */
    public static final String ADMIN = "admin";
    /** The only SASL mechanism clients use. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The partner countries the launcher and compose provision unless told otherwise. */
    public static final List<String> EXAMPLE_PARTNERS = List.of("MN", "VN", "TH");
    /** The country events every other service builds its read model from. */
    public static final String COUNTRIES = "jcm.country-onboarding.countries.v1";
    /** The project events credit-issuance takes verified reductions from. */
    public static final String PROJECTS = "jcm.project-registry.projects.v1";
    /** Every partner topic starts with this; services are granted by it (see the class comment). */
    public static final String PARTNER_TOPIC_PREFIX = "jcm.partner.";

    private static final Pattern PARTNER_INBOUND = Pattern.compile("jcm\\.partner\\.([a-z]{2})\\.inbound\\.v1");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaAccess() {}

    /** Operations allowed on a resource named literally or by prefix. */
    public record Grant(ResourceType resource, String name, PatternType pattern, Set<AclOperation> operations) {

        static Grant topic(String name, PatternType pattern, AclOperation... operations) {
            return new Grant(ResourceType.TOPIC, name, pattern, EnumSet.copyOf(Arrays.asList(operations)));
        }

        static Grant groups(String prefix) {
            return new Grant(ResourceType.GROUP, prefix, PatternType.PREFIXED, EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE));
        }

        /** The Kafka ACL bindings of this grant to {@code user}, from any host. */
        public List<AclBinding> bindings(String user) {
            return operations.stream()
                    .map(op -> new AclBinding(new ResourcePattern(resource, name, pattern),
                            new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)))
                    .toList();
        }

        @Override
        public String toString() {
            return resource.name().toLowerCase(Locale.ROOT) + " " + name + (pattern == PatternType.PREFIXED ? "* (prefix)" : "") + ": "
                    + operations.stream().map(AclOperation::name).collect(Collectors.joining(", "));
        }
    }

    /** The three services: the topics each owns, the other services' topics it reads, whether it reads partner inbound. */
    public enum Service {

        COUNTRY_ONBOARDING("country-onboarding", List.of("countries"), List.of(), true),
        PROJECT_REGISTRY("project-registry", List.of("projects", "methodologies"), List.of(COUNTRIES), true),
        CREDIT_ISSUANCE("credit-issuance", List.of("transactions", "accounts"), List.of(COUNTRIES, PROJECTS), true);

        /** The service's name, which is also its Kafka user's name and the prefix of its consumer group ids. */
        public final String user;
        private final List<String> aggregates;
        private final List<String> reads;
        private final boolean readsPartnerInbound;

        Service(String user, List<String> aggregates, List<String> reads, boolean readsPartnerInbound) {
            this.user = user;
            this.aggregates = aggregates;
            this.reads = reads;
            this.readsPartnerInbound = readsPartnerInbound;
        }

        /** Its aggregate topics, its checkpoint topic and its dead-letter topic. */
        public List<String> topics() {
            List<String> topics = new ArrayList<>();
            aggregates.forEach(a -> topics.add("jcm." + user + "." + a + ".v1"));
            topics.add(checkpointTopic());
            topics.add(deadLetterTopic());
            return topics;
        }

        /** Its signed checkpoints of its event log. */
        public String checkpointTopic() {
            return "jcm." + user + ".checkpoints.v1";
        }

        public String deadLetterTopic() {
            return "jcm." + user + ".dead-letter.v1";
        }

        /** What its Kafka user may do. */
        public List<Grant> grants() {
            List<Grant> grants = new ArrayList<>();
            grants.add(Grant.topic("jcm." + user + ".", PatternType.PREFIXED, AclOperation.CREATE, AclOperation.WRITE, AclOperation.DESCRIBE));
            reads.forEach(t -> grants.add(Grant.topic(t, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE)));
            grants.add(readsPartnerInbound
                    ? Grant.topic(PARTNER_TOPIC_PREFIX, PatternType.PREFIXED, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)
                    : Grant.topic(PARTNER_TOPIC_PREFIX, PatternType.PREFIXED, AclOperation.WRITE, AclOperation.DESCRIBE));
            grants.add(Grant.groups(user));
            return grants;
        }

        public static Service named(String name) {
            for (Service s : values()) {
                if (s.user.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("No registry service is named " + name);
        }

        /** The service owning a database schema ({@code country_onboarding}: {@code country-onboarding}). */
        public static Service ofSchema(String schema) {
            return named(schema.replace('_', '-'));
        }
    }

    /** Every service's topics. */
    public static List<String> serviceTopics() {
        return Arrays.stream(Service.values()).flatMap(s -> s.topics().stream()).toList();
    }

    public static String partnerUser(String countryCode) {
        return "partner-" + code(countryCode);
    }

    public static String partnerInbound(String countryCode) {
        return PARTNER_TOPIC_PREFIX + code(countryCode) + ".inbound.v1";
    }

    public static String partnerOutbound(String countryCode) {
        return PARTNER_TOPIC_PREFIX + code(countryCode) + ".outbound.v1";
    }

    public static List<String> partnerTopics(String countryCode) {
        return List.of(partnerInbound(countryCode), partnerOutbound(countryCode));
    }

    /** What a partner system's Kafka user may do: write its inbound topic, read its outbound topic, nothing else. */
    public static List<Grant> partnerGrants(String countryCode) {
        return List.of(
                Grant.topic(partnerInbound(countryCode), PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE),
                Grant.topic(partnerOutbound(countryCode), PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE),
                Grant.groups(partnerUser(countryCode)));
    }

    /** The upper-case country code of a partner inbound topic, if {@code topic} is one. */
    public static Optional<String> partnerOfInboundTopic(String topic) {
        Matcher m = PARTNER_INBOUND.matcher(topic);
        return m.matches() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** Parses a list of partner country codes such as {@code "MN, VN,TH"} (upper-case, de-duplicated, in order). */
    public static List<String> partners(String list) {
        Set<String> codes = new LinkedHashSet<>();
        for (String c : list.split("[,\\s]+")) {
            if (!c.isBlank()) {
                codes.add(code(c).toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(codes);
    }

    private static String code(String countryCode) {
        if (countryCode == null || !COUNTRY_CODE.matcher(countryCode).matches()) {
            throw new IllegalArgumentException("Not a two-letter country code: " + countryCode);
        }
        return countryCode.toLowerCase(Locale.ROOT);
    }

    /** Creates the topics that do not exist yet (replication: the broker's default), as the broker's super user. */
    public static void createTopics(KafkaBroker broker, Collection<String> topics, int partitions) {
        try (Admin admin = broker.admin()) {
            createTopics(admin, topics, partitions);
        }
    }

    /**
     * Whether a topic keeps its events for ever: the aggregate topics ({@code jcm.{service}.{aggregate}.v1}), so that a new
     * consumer group (a rebuilt read model, a new service, a partner catching up) reads every event from the first. Dead
     * letters and partner topics keep the broker's default retention.
     */
    public static boolean keptForEver(String topic) {
        return topic.startsWith("jcm.") && !topic.startsWith("jcm.partner.") && !topic.endsWith(".dead-letter.v1");
    }

    /** Creates the topics that do not exist yet (replication: the broker's default); aggregate topics keep their events for ever. */
    public static void createTopics(Admin admin, Collection<String> topics, int partitions) {
        List<NewTopic> wanted = topics.stream().distinct().map(t -> {
            NewTopic topic = new NewTopic(t, Optional.of(partitions), Optional.empty());
            return keptForEver(t) ? topic.configs(Map.of("retention.ms", "-1")) : topic;
        }).toList();
        List<ConfigResource> existing = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(wanted).values().entrySet()) {
            try {
                created.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + created.getKey(), e.getCause());
                }
                if (keptForEver(created.getKey())) {
                    existing.add(new ConfigResource(ConfigResource.Type.TOPIC, created.getKey()));
                }
            } catch (Exception e) {
                throw failed("create topic " + created.getKey(), e);
            }
        }
        // An aggregate topic created before it was kept for ever (an older .jcm-local/) is kept for ever from now on.
        if (!existing.isEmpty()) {
            Map<ConfigResource, Collection<AlterConfigOp>> forEver = new java.util.LinkedHashMap<>();
            existing.forEach(t -> forEver.put(t, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))));
            try {
                admin.incrementalAlterConfigs(forEver).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw failed("keep topics " + existing + " for ever", e);
            }
        }
    }

    /**
     * Creates the service's topics, sets its user's password and makes its ACLs exactly {@link Service#grants()}; returns
     * once the user can log in with them.
     */
    public static void provisionService(KafkaBroker broker, Service service, KafkaCredentials credentials, int partitions) {
        require(credentials, service.user);
        try (Admin admin = broker.admin()) {
            createTopics(admin, service.topics(), partitions);
            apply(admin, credentials, service.grants());
        }
        awaitLogin(broker.bootstrapServers(), credentials);
    }

    /**
     * Creates the partner's two topics, sets its user's password and makes its ACLs exactly {@link #partnerGrants};
     * returns once the user can log in with them.
     */
    public static void provisionPartner(KafkaBroker broker, String countryCode, KafkaCredentials credentials, int partitions) {
        require(credentials, partnerUser(countryCode));
        try (Admin admin = broker.admin()) {
            createTopics(admin, partnerTopics(countryCode), partitions);
            apply(admin, credentials, partnerGrants(countryCode));
        }
        awaitLogin(broker.bootstrapServers(), credentials);
    }

    /** Waits until the broker accepts the credentials (a new or changed SCRAM credential takes a moment to arrive). */
    public static void awaitLogin(String bootstrapServers, KafkaCredentials credentials) {
        Properties props = credentials.clientProperties(bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(credentials.username() + " could not log in to " + bootstrapServers, e);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }

    private static void require(KafkaCredentials credentials, String user) {
        if (!credentials.username().equals(user)) {
            throw new IllegalArgumentException("The credentials of " + credentials.username() + " are not " + user + "'s");
        }
    }

    /**
     * Sets (or resets) the user's SCRAM-SHA-512 password and converges its ACLs on {@code grants}: what is missing is
     * created, what is no longer described is deleted. Returns once the broker authorizes by the new ACLs.
     */
    public static void apply(Admin admin, KafkaCredentials credentials, List<Grant> grants) {
        String user = credentials.username();
        if (user.equals(ADMIN)) {
            throw new IllegalArgumentException("The super user has no ACLs");
        }
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credentials.password())))
                    .all().get(30, TimeUnit.SECONDS);
            Set<AclBinding> wanted = new HashSet<>();
            grants.forEach(g -> wanted.addAll(g.bindings(user)));
            Set<AclBinding> existing = acls(admin, user);
            List<AclBindingFilter> stale = existing.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + PROPAGATION.toNanos();
            while (!acls(admin, user).equals(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The broker did not apply the ACLs of " + user + " within " + PROPAGATION);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (Exception e) {
            throw failed("provision Kafka user " + user, e);
        }
    }

    /** The ACL bindings the broker holds for {@code user}. */
    public static Set<AclBinding> acls(Admin admin, String user) {
        AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
        try {
            return new HashSet<>(admin.describeAcls(filter).values().get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw failed("describe the ACLs of " + user, e);
        }
    }

    private static IllegalStateException failed(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("Could not " + what + ": " + cause, cause);
    }
}
