package org.jcm.registry.countryonboarding.country;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/** Makes sure Japan, the fixed counterpart, exists before the first request. */
@ApplicationScoped
public class JapanCounterpart {

    private static final Logger LOG = Logger.getLogger(JapanCounterpart.class);

    void onStart(@Observes StartupEvent event, CountryService service) {
        try {
            service.ensureJapan();
        } catch (RuntimeException e) {
            // Another replica created it at the same moment: the primary key let only one win.
            LOG.infof("Japan was created concurrently: %s", e.getMessage());
        }
    }
}
