package org.jcm.registry.platform.inbox;

import java.util.UUID;

/** What became of one attempt to apply a consumed record. */
public record Outcome(Kind kind, UUID eventId, String eventType, String reasonCode, String reason) {

    public enum Kind {
        /** Its effect is committed, with its event id. */
        APPLIED,
        /** Its event id was applied before: nothing to do. */
        DUPLICATE,
        /** An event another service applies (a partner topic carries events for all three). */
        PASSED_OVER,
        /** It breaks a rule or is malformed: it is dead-lettered with the rule's code. */
        REFUSED,
        /** The database (or another part the service runs on) did not answer: wait and try again, never dead-letter. */
        OUTAGE,
        /** A failure no rule explains: retried a few times, then dead-lettered if the database answers. */
        UNEXPECTED
    }

    static Outcome of(Kind kind, UUID eventId, String eventType) {
        return new Outcome(kind, eventId, eventType, null, null);
    }

    public boolean failed() {
        return kind == Kind.REFUSED || kind == Kind.OUTAGE || kind == Kind.UNEXPECTED;
    }

    public boolean applied() {
        return kind == Kind.APPLIED;
    }

    public boolean duplicate() {
        return kind == Kind.DUPLICATE;
    }
}
