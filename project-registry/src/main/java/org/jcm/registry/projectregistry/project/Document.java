package org.jcm.registry.projectregistry.project;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.platform.problem.RuleViolation;

/** A document the registry references but does not keep: where it is and its SHA-256, checked on the way in. */
@Embeddable
public record Document(
        @Column(name = "kind", nullable = false, columnDefinition = "text") String kind,
        @Column(name = "uri", nullable = false, columnDefinition = "text") String uri,
        @Column(name = "sha256", nullable = false, length = 64) String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The document a step records, of the kind that step names (a caller's kind, if given, must be that one). */
    public static Document of(DocumentKind kind, DocumentReference ref) {
        if (ref == null) {
            throw new RuleViolation(ProjectRule.INVALID_DOCUMENT, "the " + kind + " document reference is missing");
        }
        return checked(kind.checkGiven(ref.kind()), ref);
    }

    /** A document given with an idea note: the note itself (PIN) or supporting material. */
    public static Document atSubmission(DocumentReference ref) {
        if (ref == null) {
            throw new RuleViolation(ProjectRule.INVALID_DOCUMENT, "a document reference is missing");
        }
        return checked(DocumentKind.atSubmission(ref.kind()), ref);
    }

    private static Document checked(DocumentKind kind, DocumentReference ref) {
        check(kind.name(), ref.uri(), ref.sha256());
        return new Document(kind.name(), ref.uri(), ref.sha256());
    }

    /** Checks a document reference: an absolute URI with a scheme and host (or a urn), and a SHA-256 as 64 lower-case hex digits. */
    public static void check(String kind, String uri, String sha256) {
        if (uri == null || uri.isBlank()) {
            throw new RuleViolation(ProjectRule.INVALID_DOCUMENT, "the " + kind + " document has no URI");
        }
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute() || (!"urn".equalsIgnoreCase(parsed.getScheme()) && parsed.getHost() == null)) {
                throw new RuleViolation(ProjectRule.INVALID_DOCUMENT, "the " + kind + " document URI '" + uri + "' is not absolute");
            }
        } catch (URISyntaxException e) {
            throw new RuleViolation(ProjectRule.INVALID_DOCUMENT, "the " + kind + " document URI '" + uri + "' is not a URI: " + e.getReason());
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new RuleViolation(ProjectRule.INVALID_DOCUMENT, "the " + kind + " document's SHA-256 '" + sha256
                    + "' is not 64 lower-case hex digits");
        }
    }

    public DocumentReference toContract() {
        return new DocumentReference(kind, uri, sha256);
    }
}
