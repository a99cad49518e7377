package org.jcm.registry.creditissuance.transfer;

import org.jcm.registry.platform.problem.Rule;

/**
 * The numbered reasons of the external transfer protocol, Kyoto style: each step a state, each refusal a code. The
 * receiving side's account checks are the ledger's (JCM-LED-2xx), its unit checks JCM-A6-005.
 */
public enum ExternalTransferRule implements Rule {

    NO_SUCH_TRANSFER("JCM-EXT-001", "No such external transfer", 404),
    SAME_REGISTRY("JCM-EXT-002", "The receiving registry is the sending one: that is an internal transfer", 422),
    RECEIVING_REGISTRY("JCM-EXT-003", "The receiving registry is unknown or not ACTIVE", 422),
    ALREADY_SETTLED("JCM-EXT-004", "The transfer is no longer waiting for an answer", 409),
    FOREIGN_ANSWER("JCM-EXT-005", "The answer comes from a country that is not the transfer's receiving side", 422),
    NOT_AWAITING_ANSWER("JCM-EXT-006", "This transfer is not answered through events", 422),
    SERIALS_HELD("JCM-EXT-007", "Serials of the proposal are already held in a registry kept here", 422),
    ISSUER_UNKNOWN("JCM-EXT-008", "A block names an issuing registry the registry does not know", 422),
    NOT_HOSTED_HERE("JCM-EXT-009", "The proposal's receiving registry is not kept here", 422),
    SENDER_MISMATCH("JCM-EXT-010", "The proposal's sending registry is not the external registry of the topic's country", 422),
    TRANSFER_ID_TAKEN("JCM-EXT-011", "A transfer with this id is already known", 409),
    BLOCKS_INCONSISTENT("JCM-EXT-012", "The proposal's blocks run backwards, overlap or do not add up to its quantity", 422);

    private final Definition definition;

    ExternalTransferRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
