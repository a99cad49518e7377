package org.jcm.registry.contract.registry;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Events of registries and their accounts on {@link org.jcm.registry.contract.Topics#ACCOUNTS}, keyed by registry code. */
public sealed interface RegistryEvent {

    String registryCode();

    static String typeOf(Class<? extends RegistryEvent> eventClass) {
        return eventClass.getSimpleName();
    }

    Map<String, Class<? extends RegistryEvent>> TYPES = Map.of(
            typeOf(RegistryOpened.class), RegistryOpened.class,
            typeOf(AccountOpened.class), AccountOpened.class,
            typeOf(RegistryStateChanged.class), RegistryStateChanged.class);

    record RegistryOpened(String registryCode, String countryCode, String name, String article6RegistryId, String hosting, Instant openedAt)
            implements RegistryEvent {}

    /** The registry followed its country: SUSPENDED (no issuance), ACTIVE again, or CLOSED (country terminated). */
    record RegistryStateChanged(String registryCode, String countryCode, String state, long countryVersion, Instant changedAt)
            implements RegistryEvent {}

    record AccountOpened(String registryCode, UUID accountId, String number, String type, String holder, String state, Instant openedAt)
            implements RegistryEvent {}
}
