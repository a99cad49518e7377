package org.jcm.registry.contract.project;

import jakarta.validation.constraints.Size;

/** A document the registry references but does not store: its kind (PIN, PDD, VALIDATION_REPORT, ...), where it is, and its SHA-256 (hex). */
public record DocumentReference(@Size(max = 64) String kind, @Size(max = 2000) String uri, @Size(max = 64) String sha256) {}
