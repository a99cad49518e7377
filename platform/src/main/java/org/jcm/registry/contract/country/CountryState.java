package org.jcm.registry.contract.country;

/** Lifecycle of a partner country: PROPOSED → BILATERAL_DOCUMENT_SIGNED → JOINT_COMMITTEE_ESTABLISHED → ACTIVE ⇄ SUSPENDED → TERMINATED. */
public enum CountryState {
    PROPOSED,
    BILATERAL_DOCUMENT_SIGNED,
    JOINT_COMMITTEE_ESTABLISHED,
    ACTIVE,
    SUSPENDED,
    TERMINATED
}
