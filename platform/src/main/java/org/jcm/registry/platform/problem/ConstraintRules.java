package org.jcm.registry.platform.problem;

import java.util.Map;

/**
 * A service's translation of database constraint names into its rules, so that an invariant the database
 * enforces (a unique, exclusion or check constraint that a race reached first) is answered with the same
 * rule code as the check in the code would have given.
 */
public interface ConstraintRules {

    Map<String, Rule> byConstraintName();
}
