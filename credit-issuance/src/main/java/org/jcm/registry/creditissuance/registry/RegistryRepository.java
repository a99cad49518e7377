package org.jcm.registry.creditissuance.registry;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class RegistryRepository implements PanacheRepositoryBase<Registry, String> {

    public Optional<Registry> ofCountry(String countryCode) {
        return find("countryCode", countryCode).firstResultOptional();
    }

    public Registry get(String code) {
        return findByIdOptional(code).orElseThrow(() -> new RuleViolation(RegistryRule.NO_SUCH_REGISTRY, "no registry " + code));
    }

    public List<Registry> all() {
        return listAll(Sort.by("code"));
    }
}
