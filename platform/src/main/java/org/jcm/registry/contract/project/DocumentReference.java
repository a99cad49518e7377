package org.jcm.registry.contract.project;

/** A document the registry references but does not store: its kind (PIN, PDD, VALIDATION_REPORT, ...), where it is, and its SHA-256 (hex). */
public record DocumentReference(String kind, String uri, String sha256) {}
