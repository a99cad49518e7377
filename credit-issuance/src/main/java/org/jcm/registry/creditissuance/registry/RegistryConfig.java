package org.jcm.registry.creditissuance.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The registries' settings ({@code jcm.registry.*}). */
@ConfigMapping(prefix = "jcm.registry")
public interface RegistryConfig {

    Japan japan();

    Article6 article6();

    ExternalTransfer externalTransfer();

    interface Article6 {

        /** The cooperative approach's identifier, the first part of every ITMO identifier (decision 6/CMA.4 annex I para. 5). */
        @WithDefault("CA0001")
        String cooperativeApproachId();
    }

    interface ExternalTransfer {

        /** How long blocks stay reserved for a transfer proposed to an external registry before it expires unanswered. */
        @WithDefault("P1D")
        java.time.Duration timeout();

        /** How often the registry looks for proposals past their timeout (a Quarkus scheduler interval). */
        @WithDefault("30s")
        String expiryInterval();
    }

    interface Japan {

        /** Japan's Article 6 registry identifier, with which its registry is opened at the first start. */
        @WithDefault("JPN01")
        String article6RegistryId();
    }
}
