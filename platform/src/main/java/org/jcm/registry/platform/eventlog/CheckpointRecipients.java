package org.jcm.registry.platform.eventlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;

import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.jboss.logging.Logger;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.inbox.PartnerCountries;

/**
 * Where a checkpoint goes: the service's checkpoint topic, and the outbound topic of every partner country now ACTIVE
 * whose topic exists. A partner whose topic is not there yet (its system not provisioned) is passed over rather than
 * waited for: a producer would block on it, and the other partners would get nothing meanwhile. It gets the next one.
 */
@ApplicationScoped
public class CheckpointRecipients {

    private static final Logger LOG = Logger.getLogger(CheckpointRecipients.class);

    private final PartnerCountries partners;
    private final PlatformConfig config;
    private final Map<String, Object> kafkaConfig;
    private Admin admin;

    public CheckpointRecipients(PartnerCountries partners, PlatformConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.partners = partners;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    /** The checkpoint topic first, then the ACTIVE partners' outbound topics that exist, by country code. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        topics.add(Topics.checkpoints(config.serviceName()));
        List<String> wanted = activePartnerTopics();
        if (!wanted.isEmpty()) {
            Set<String> existing = existingTopics();
            for (String topic : wanted) {
                if (existing.contains(topic)) {
                    topics.add(topic);
                } else {
                    LOG.debugf("No topic %s (yet): this checkpoint is not copied there", topic);
                }
            }
        }
        return topics;
    }

    @ActivateRequestContext
    @Transactional
    List<String> activePartnerTopics() {
        return partners.active().stream().sorted().map(Topics::partnerOutbound).toList();
    }

    private synchronized Set<String> existingTopics() {
        try {
            if (admin == null) {
                Map<String, Object> props = new HashMap<>(kafkaConfig);
                props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.serviceName() + "-checkpoints");
                props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
                admin = Admin.create(props);
            }
            return admin.listTopics(new ListTopicsOptions().timeoutMs(10_000)).names().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Could not list the partners' topics (%s): this checkpoint goes to the checkpoint topic only", e.toString());
            close();
            return Set.of();
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }
}
