package org.jcm.registry.platform.problem;

/**
 * A business or protocol rule with a stable code, as returned in problem responses and dead-letter reasons.
 * Each service declares its own rules as enums implementing this; the platform's own are in {@link PlatformRule}.
 */
public interface Rule {

    /**
     * What a rule is: its stable machine-readable code (e.g. {@code JCM-CTY-002}), a short fixed description, and
     * the HTTP status a request breaking it gets.
     */
    record Definition(String code, String title, int status) {}

    Definition definition();

    default String code() {
        return definition().code();
    }

    default String title() {
        return definition().title();
    }

    default int status() {
        return definition().status();
    }
}
