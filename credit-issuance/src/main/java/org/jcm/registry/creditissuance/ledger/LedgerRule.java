package org.jcm.registry.creditissuance.ledger;

import org.jcm.registry.platform.problem.Rule;

/**
 * The numbered checks every movement of credits passes, UK ETS style: sender checks (1xx), receiver checks (2xx), unit
 * checks (3xx), and those of a retirement (4xx). A refusal lists every check that failed.
 */
public enum LedgerRule implements Rule {

    SENDER_UNKNOWN("JCM-LED-101", "The sending account does not exist", 422),
    SENDER_NOT_OPEN("JCM-LED-102", "The sending account is not OPEN", 422),
    SENDER_FINAL("JCM-LED-103", "Credits in a retirement or cancellation account never move again", 422),
    REGISTRY_NOT_ACTIVE("JCM-LED-104", "The registry is not ACTIVE", 422),
    RECEIVER_UNKNOWN("JCM-LED-201", "The receiving account does not exist", 422),
    RECEIVER_NOT_OPEN("JCM-LED-202", "The receiving account is not OPEN", 422),
    RECEIVER_OTHER_REGISTRY("JCM-LED-203", "The receiving account is in another registry", 422),
    RECEIVER_IS_SENDER("JCM-LED-204", "The receiving account is the sending account", 422),
    RECEIVER_FINAL("JCM-LED-205", "Credits reach a retirement or cancellation account only by retirement or cancellation", 422),
    INSUFFICIENT_UNITS("JCM-LED-301", "The sending account does not hold that many credits", 422),
    RANGE_NOT_HELD("JCM-LED-302", "The sending account does not hold every serial named", 422),
    RANGES_INVALID("JCM-LED-303", "The serial ranges overlap or run backwards", 422),
    QUANTITY_OR_RANGES("JCM-LED-304", "Name either a quantity or serial ranges", 422),
    USE_BEFORE_VINTAGE("JCM-LED-401", "The year of use is before a retired credit's vintage", 422),
    NO_SUCH_TRANSACTION("JCM-LED-501", "No such transaction", 404),
    NO_SUCH_SERIAL("JCM-LED-502", "No block ever held this serial", 404);

    private final Definition definition;

    LedgerRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
