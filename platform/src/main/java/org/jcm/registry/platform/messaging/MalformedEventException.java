package org.jcm.registry.platform.messaging;

import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/** A message that is not a well-formed event of the contract. */
public class MalformedEventException extends RuleViolation {

    public MalformedEventException(String detail) {
        super(PlatformRule.MALFORMED_EVENT, detail);
    }
}
