package org.jcm.registry.contract.project;

/** A methodology is PROPOSED, then APPROVED (numbered {@code {CC}_AM{NNN}}) or REJECTED; an approved one may be WITHDRAWN for new projects. */
public enum MethodologyState {
    PROPOSED,
    APPROVED,
    REJECTED,
    WITHDRAWN
}
