package org.jcm.registry.platform.readmodel;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;

/**
 * The partner countries as a consuming service knows them from country-onboarding's events (migrations in
 * {@code db/known-countries}). Services decide who may take part from it, never by calling country-onboarding.
 */
@ApplicationScoped
public class KnownCountries extends SnapshotReadModel<CountrySnapshot> {

    /** For the container's client proxy only. */
    protected KnownCountries() {}

    @Inject
    public KnownCountries(EntityManager em, ObjectMapper mapper) {
        super(em, mapper, "country", CountrySnapshot.class, CountrySnapshot::code, CountrySnapshot::version);
    }

    public List<CountrySnapshot> list(CountryState state) {
        return listWhere("state", state == null ? null : state.name());
    }
}
