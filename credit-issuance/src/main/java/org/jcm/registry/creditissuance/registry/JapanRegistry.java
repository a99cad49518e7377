package org.jcm.registry.creditissuance.registry;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** Japan's registry exists from the start: it is opened when the service first starts (once, whatever the number of instances). */
@ApplicationScoped
public class JapanRegistry {

    void open(@Observes StartupEvent start, RegistryService registries, RegistryConfig config, Clock clock) {
        registries.openJapanIfAbsent(config.japan().article6RegistryId(), clock.instant());
    }
}
