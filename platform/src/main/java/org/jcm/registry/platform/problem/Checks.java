package org.jcm.registry.platform.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs several numbered checks and reports every one that failed, not only the first: an operator correcting a request
 * wants all its problems at once. One failure is thrown as itself; several as {@link RuleViolations}.
 */
public final class Checks {

    private final List<RuleViolation> failed = new ArrayList<>();

    /** Runs a check that throws its rule's {@link RuleViolation} when it fails. */
    public Checks run(Runnable check) {
        try {
            check.run();
        } catch (RuleViolations several) {
            failed.addAll(several.violations());
        } catch (RuleViolation v) {
            failed.add(v);
        }
        return this;
    }

    public List<RuleViolation> failed() {
        return List.copyOf(failed);
    }

    /** Throws what failed, if anything did. */
    public void throwIfFailed() {
        if (failed.size() == 1) {
            throw failed.get(0);
        }
        if (!failed.isEmpty()) {
            throw new RuleViolations(failed);
        }
    }
}
