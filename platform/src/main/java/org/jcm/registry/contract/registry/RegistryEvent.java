package org.jcm.registry.contract.registry;

import java.time.Instant;
import java.util.UUID;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;

/** Events of registries and their accounts on {@link org.jcm.registry.contract.Topics#ACCOUNTS}, keyed by registry code. */
@EventTopic(Topics.ACCOUNTS)
public sealed interface RegistryEvent {

    String registryCode();

    record RegistryOpened(String registryCode, String countryCode, String name, String article6RegistryId, String hosting, Instant openedAt)
            implements
                RegistryEvent {}

    /** The registry followed its country: SUSPENDED (no issuance), ACTIVE again, or CLOSED (country terminated). */
    record RegistryStateChanged(String registryCode, String countryCode, String state, long countryVersion, Instant changedAt)
            implements
                RegistryEvent {}

    record AccountOpened(String registryCode, UUID accountId, String number, String type, String holder, String state, Instant openedAt)
            implements
                RegistryEvent {}

    /** An entity holding account was blocked, unblocked or closed, for the reason given, by {@code actor}. */
    record AccountStateChanged(String registryCode, UUID accountId, String number, String from, String to, String reason, String actor,
            Instant changedAt) implements RegistryEvent {}
}
