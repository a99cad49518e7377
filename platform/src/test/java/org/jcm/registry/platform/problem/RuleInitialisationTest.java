package org.jcm.registry.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;

/**
 * A packaged service initialises classes in whatever order its first requests and messages touch them; a test JVM
 * usually touches a service's own rules first. Each check here starts from a fresh class loader and initialises the
 * platform's rules first, as a service whose first message is malformed does: nothing may read a half-initialised
 * rule (a static constant copied from another class during its initialisation is {@code null} then).
 */
class RuleInitialisationTest {

    @Test
    void aMalformedEventNamesItsRuleWhenThePlatformRulesAreInitialisedFirst() throws Exception {
        try (URLClassLoader fresh = freshLoader()) {
            Class.forName(PlatformRule.class.getName(), true, fresh);
            Object malformed = Class.forName("org.jcm.registry.platform.messaging.MalformedEventException", true, fresh)
                    .getConstructor(String.class).newInstance("not a CloudEvent");
            Object rule = malformed.getClass().getMethod("rule").invoke(malformed);
            assertThat(rule).isNotNull();
            assertThat(rule.getClass().getMethod("code").invoke(rule)).isEqualTo("JCM-MSG-001");
        }
    }

    @Test
    void aMalformedEventNamesItsRuleWhenItIsTheFirstThingInitialised() throws Exception {
        try (URLClassLoader fresh = freshLoader()) {
            Object malformed = Class.forName("org.jcm.registry.platform.messaging.MalformedEventException", true, fresh)
                    .getConstructor(String.class).newInstance("not a CloudEvent");
            assertThat(malformed.getClass().getMethod("rule").invoke(malformed)).isNotNull();
        }
    }

    /** The platform's compiled classes, loaded again, isolated from the ones this test class already initialised. */
    private static URLClassLoader freshLoader() {
        URL classes = PlatformRule.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[]{classes}, ClassLoader.getPlatformClassLoader());
    }
}
