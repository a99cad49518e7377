package org.jcm.registry.projectregistry.project;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.jcm.registry.platform.problem.RuleViolation;

/**
 * What a referenced document is. The registry, not the caller, decides it: each step of the cycle records its own kind
 * (the design document at publication, the validation report at validation, ...) and finds it again by that kind. At
 * idea-note submission a caller may label documents as the idea note itself or as supporting material, nothing else.
 */
public enum DocumentKind {

    PIN,
    SUPPORTING,
    PDD,
    VALIDATION_REPORT,
    MONITORING_REPORT,
    VERIFICATION_REPORT;

    /** The kinds a caller may give with an idea note's documents. */
    public static final Set<DocumentKind> AT_SUBMISSION = EnumSet.of(PIN, SUPPORTING);

    /** The kind a step records: the one it names; a caller's kind, if given, must be that one. */
    public DocumentKind checkGiven(String given) {
        if (given != null && !given.isBlank() && !given.equals(name())) {
            throw new RuleViolation(ProjectRule.INVALID_DOCUMENT, "this step records a " + name() + "; a document of kind '" + clip(given)
                    + "' does not belong here (leave kind out, or give " + name() + ")");
        }
        return this;
    }

    /** The kind of a document given with an idea note: PIN unless the caller says SUPPORTING. */
    public static DocumentKind atSubmission(String given) {
        if (given == null || given.isBlank()) {
            return PIN;
        }
        return AT_SUBMISSION.stream().filter(k -> k.name().equals(given)).findFirst().orElseThrow(() -> new RuleViolation(
                ProjectRule.INVALID_DOCUMENT, "an idea note's documents are of kind " + Arrays.toString(AT_SUBMISSION.toArray())
                        + ", not '" + clip(given) + "': the other kinds are recorded by their own steps"));
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
