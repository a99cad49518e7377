package org.jcm.registry.contract.project;

import java.util.Set;

/**
 * The JCM project cycle: IDEA_SUBMITTED → NO_OBJECTION → DESIGN_PUBLISHED → VALIDATED → REGISTRATION_REQUESTED →
 * REGISTERED, with WITHDRAWN from any state before registration and DEREGISTERED after it.
 */
public enum ProjectState {

    IDEA_SUBMITTED,
    NO_OBJECTION,
    DESIGN_PUBLISHED,
    VALIDATED,
    REGISTRATION_REQUESTED,
    REGISTERED,
    WITHDRAWN,
    DEREGISTERED;

    public static final Set<ProjectState> BEFORE_REGISTRATION = Set.of(IDEA_SUBMITTED, NO_OBJECTION, DESIGN_PUBLISHED, VALIDATED,
            REGISTRATION_REQUESTED);

    public boolean isFinal() {
        return this == WITHDRAWN || this == DEREGISTERED;
    }
}
