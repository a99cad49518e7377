package org.jcm.registry.creditissuance.registry;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RegistryRepository implements PanacheRepositoryBase<Registry, String> {

    public Optional<Registry> ofCountry(String countryCode) {
        return find("countryCode", countryCode).firstResultOptional();
    }

    public List<Registry> all() {
        return listAll(Sort.by("code"));
    }
}
