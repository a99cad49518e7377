package org.jcm.registry.creditissuance.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The registries' settings ({@code jcm.registry.*}). */
@ConfigMapping(prefix = "jcm.registry")
public interface RegistryConfig {

    Japan japan();

    interface Japan {

        /** Japan's Article 6 registry identifier, with which its registry is opened at the first start. */
        @WithDefault("JPN01")
        String article6RegistryId();
    }
}
