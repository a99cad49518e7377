package org.jcm.registry.creditissuance.registry;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public List<Account> ofRegistry(String registryCode) {
        return list("registryCode", Sort.by("number"), registryCode);
    }
}
