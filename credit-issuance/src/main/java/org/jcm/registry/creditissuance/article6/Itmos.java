package org.jcm.registry.creditissuance.article6;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.contract.ledger.LedgerEvent;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.creditissuance.registry.RegistryConfig;
import org.jcm.registry.creditissuance.registry.RegistryRepository;

/**
 * ITMO unique identifiers in the form of decision 6/CMA.4 annex I para. 5:
 * {@code {cooperative approach id}-{Party's Article 6 registry id}-{first transferring Party alpha-3}-{serial}-{vintage}},
 * e.g. {@code CA0001-THA01-THA-1501-2025}. The Party is the one whose registry issued the serials (the host Party that
 * authorized them); the cooperative approach id is the setting {@code jcm.registry.article6.cooperative-approach-id}.
 */
@ApplicationScoped
public class Itmos {

    private final RegistryRepository registries;
    private final String approach;
    /** Article 6 registry id and alpha-3 per registry code: neither ever changes once a registry is open. */
    private final Map<String, String[]> known = new ConcurrentHashMap<>();

    public Itmos(RegistryRepository registries, RegistryConfig config) {
        this.registries = registries;
        this.approach = config.article6().cooperativeApproachId();
    }

    public static String id(String approach, String article6RegistryId, String alpha3, long serial, int vintage) {
        return approach + "-" + article6RegistryId + "-" + alpha3 + "-" + serial + "-" + vintage;
    }

    public String id(String issuingRegistry, long serial, int vintage) {
        String[] party = known.computeIfAbsent(issuingRegistry, code -> {
            Registry r = registries.get(code);
            return new String[]{r.article6RegistryId(), r.alpha3()};
        });
        return id(approach, party[0], party[1], serial, vintage);
    }

    /** The identifier of a serial of the registry with Article 6 registry id {@code article6RegistryId} and Party {@code alpha3}. */
    public String id(String article6RegistryId, String alpha3, long serial, int vintage) {
        return id(approach, article6RegistryId, alpha3, serial, vintage);
    }

    /** Serials of one vintage of an issuing registry, with their first and last ITMO identifiers. */
    public LedgerEvent.ItmoRange range(String issuingRegistry, SerialRange serials, int vintage) {
        return new LedgerEvent.ItmoRange(issuingRegistry, serials.start(), serials.end(), vintage, id(issuingRegistry, serials.start(), vintage),
                id(issuingRegistry, serials.end(), vintage));
    }
}
