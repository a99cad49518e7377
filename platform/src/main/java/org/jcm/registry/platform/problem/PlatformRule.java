package org.jcm.registry.platform.problem;

/** Rules of the platform itself: requests and messages that are malformed, unknown resources, conflicts. */
public enum PlatformRule implements Rule {

    INVALID_REQUEST("JCM-REQ-001", "The request is not valid", 400),
    UNREADABLE_BODY("JCM-REQ-002", "The request body cannot be read", 400),
    NOT_FOUND("JCM-REQ-003", "No such resource", 404),
    METHOD_NOT_ALLOWED("JCM-REQ-004", "Method not allowed on this resource", 405),
    UNSUPPORTED_MEDIA_TYPE("JCM-REQ-005", "Unsupported media type", 415),
    NOT_ACCEPTABLE("JCM-REQ-006", "No acceptable representation", 406),
    CONCURRENT_CHANGE("JCM-REQ-007", "The resource was changed concurrently", 409),
    CONSTRAINT_CONFLICT("JCM-REQ-008", "The change conflicts with existing records", 409),
    URI_TOO_LONG("JCM-REQ-009", "The request URI is too long", 414),
    BODY_TOO_LARGE("JCM-REQ-010", "The request body is too large", 413),
    VALUE_NOT_STORABLE("JCM-REQ-011", "A value of the request cannot be stored", 422),
    EVENT_TOO_LARGE("JCM-REQ-012", "The change would produce an event larger than the registry may publish", 422),
    QUANTITY_OUT_OF_RANGE("JCM-REQ-013", "A quantity of tonnes is negative or larger than the registry accepts", 422),
    DATE_OUT_OF_RANGE("JCM-REQ-014", "A date lies outside the years the registry accepts", 422),
    IDEMPOTENCY_KEY_REUSED("JCM-REQ-015", "The Idempotency-Key was already used for a different request", 422),
    IDEMPOTENCY_KEY_INVALID("JCM-REQ-016", "The Idempotency-Key header is not a valid key", 400),
    UNAUTHORIZED("JCM-SEC-001", "Authentication required: a valid bearer token from the registry's issuer", 401),
    FORBIDDEN("JCM-SEC-002", "The caller's role may not do this", 403),
    OUT_OF_SCOPE("JCM-SEC-003", "Outside the caller's scope: another country, registry, project or account", 403),
    MALFORMED_EVENT("JCM-MSG-001", "The message is not a well-formed event of the contract", 422),
    UNKNOWN_EVENT_TYPE("JCM-MSG-002", "Unknown event type for this topic", 422),
    COUNTRY_MISMATCH("JCM-MSG-003", "The event's country differs from its topic's", 422),
    DEAD_LETTER_NOT_FOUND("JCM-MSG-004", "No such dead letter", 404),
    DEAD_LETTER_ALREADY_REPLAYED("JCM-MSG-005", "The dead letter was already replayed", 409),
    REPLAY_FAILED("JCM-MSG-006", "Replaying the dead letter failed again", 422),
    PARTNER_SOURCE_MISMATCH("JCM-MSG-007", "The event's source is not its country's partner system", 422),
    PARTNER_NOT_ACTIVE("JCM-MSG-008", "The event's country is not an ACTIVE partner country", 422),
    EVENT_ID_REUSED("JCM-MSG-009", "The source already sent another event with this id", 422),
    LOG_ENTRY_NOT_FOUND("JCM-AUD-001", "No such entry in the event log", 404),
    CHECKPOINT_NOT_FOUND("JCM-AUD-002", "No checkpoint of that tree size", 404),
    NOT_YET_CHECKPOINTED("JCM-AUD-003", "No checkpoint covers the entry yet", 409),
    CHECKPOINTS_OUT_OF_ORDER("JCM-AUD-004", "The first checkpoint of a consistency proof must not be larger than the second", 422),
    INTERNAL("JCM-SYS-001", "Internal error", 500),
    UNAVAILABLE("JCM-SYS-002", "The registry's database or broker is unavailable for a moment; retry later", 503);

    private final Definition definition;

    PlatformRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
