package org.jcm.registry.platform.problem;

/**
 * A business or protocol rule with a stable code, as returned in problem responses and dead-letter reasons.
 * Each service declares its own rules as enums implementing this; the platform's own are in {@link PlatformRule}.
 */
public interface Rule {

    /** Stable machine-readable code, e.g. {@code JCM-CTY-002}. */
    String code();

    /** Short, fixed description of the rule. */
    String title();

    /** HTTP status a request breaking this rule gets. */
    int status();

    Rule MALFORMED_EVENT = PlatformRule.MALFORMED_EVENT;
}
