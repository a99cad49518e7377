package org.jcm.registry.countryonboarding.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.problem.RuleViolation;
import org.junit.jupiter.api.Test;

class PartnerCountryTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final RegistryIdentity THAI_REGISTRY = new RegistryIdentity("TH", "THA01", Hosting.EXTERNAL);

    private static PartnerCountry thailand() {
        return PartnerCountry.propose(IsoCountry.of("TH", null), "Thailand");
    }

    @Test
    void goesThroughTheLifecycleToActiveWithOneRevisionPerStep() {
        PartnerCountry th = thailand();
        assertThat(th.state()).isEqualTo(CountryState.PROPOSED);
        assertThat(th.snapshot().version()).isEqualTo(1);

        th.signBilateralDocument(LocalDate.of(2015, 11, 19), TODAY);
        th.establishJointCommittee(LocalDate.of(2015, 11, 19), TODAY);
        th.activate(LocalDate.of(2016, 1, 1), THAI_REGISTRY, "th-registry-client", TODAY);

        assertThat(th.state()).isEqualTo(CountryState.ACTIVE);
        assertThat(th.snapshot().version()).isEqualTo(4);
        assertThat(th.snapshot().alpha3()).isEqualTo("THA");
        assertThat(th.snapshot().bilateralDocumentSignedOn()).isEqualTo(LocalDate.of(2015, 11, 19));
        assertThat(th.snapshot().registry()).isEqualTo(THAI_REGISTRY);
    }

    @Test
    void refusesStepsOutOfOrder() {
        PartnerCountry th = thailand();
        assertRule(() -> th.establishJointCommittee(LocalDate.of(2015, 11, 19), TODAY), CountryRule.ILLEGAL_TRANSITION);
        assertRule(() -> th.activate(LocalDate.of(2016, 1, 1), THAI_REGISTRY, null, TODAY), CountryRule.ILLEGAL_TRANSITION);
        th.signBilateralDocument(LocalDate.of(2015, 11, 19), TODAY);
        assertRule(() -> th.signBilateralDocument(LocalDate.of(2015, 11, 19), TODAY), CountryRule.ILLEGAL_TRANSITION);
        assertThat(th.state()).isEqualTo(CountryState.BILATERAL_DOCUMENT_SIGNED);
        assertThat(th.snapshot().version()).isEqualTo(2);
    }

    @Test
    void refusesImpossibleDates() {
        PartnerCountry th = thailand();
        assertRule(() -> th.signBilateralDocument(TODAY.plusDays(1), TODAY), CountryRule.DATE_IN_FUTURE);
        th.signBilateralDocument(LocalDate.of(2015, 11, 19), TODAY);
        assertRule(() -> th.establishJointCommittee(LocalDate.of(2015, 11, 18), TODAY), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        th.establishJointCommittee(LocalDate.of(2015, 12, 1), TODAY);
        assertRule(() -> th.activate(LocalDate.of(2015, 11, 30), THAI_REGISTRY, null, TODAY), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
    }

    @Test
    void checksTheRegistryIdentityOnActivation() {
        PartnerCountry th = thailand();
        th.signBilateralDocument(LocalDate.of(2015, 11, 19), TODAY);
        th.establishJointCommittee(LocalDate.of(2015, 11, 19), TODAY);
        assertRule(() -> th.activate(TODAY, new RegistryIdentity("TH", "MNG01", Hosting.HOSTED), null, TODAY), CountryRule.INVALID_ARTICLE6_REGISTRY_ID);
        assertRule(() -> th.activate(TODAY, new RegistryIdentity("th", "THA01", Hosting.HOSTED), null, TODAY), CountryRule.INVALID_REGISTRY_CODE);
        assertThat(th.state()).isEqualTo(CountryState.JOINT_COMMITTEE_ESTABLISHED);
    }

    @Test
    void knowsIsoCodesAndRefusesJapanAsAPartner() {
        assertThat(IsoCountry.of("MN", null).alpha3()).isEqualTo("MNG");
        assertRule(() -> IsoCountry.of("XX", null), CountryRule.UNKNOWN_ISO_CODE);
        assertRule(() -> IsoCountry.of("mn", null), CountryRule.UNKNOWN_ISO_CODE);
        assertRule(() -> IsoCountry.of("VN", "VNX"), CountryRule.ALPHA3_MISMATCH);
        assertRule(() -> PartnerCountry.propose(IsoCountry.of("JP", null), "Japan"), CountryRule.JAPAN_IS_FIXED);
    }

    @Test
    void japanIsActiveFromTheStartWithItsOwnRegistry() {
        PartnerCountry jp = PartnerCountry.japan();
        assertThat(jp.state()).isEqualTo(CountryState.ACTIVE);
        assertThat(jp.snapshot().registry()).isEqualTo(new RegistryIdentity("JP", "JPN01", Hosting.HOSTED));
    }

    private static void assertRule(Runnable action, CountryRule rule) {
        assertThatThrownBy(action::run).isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).rule()).isEqualTo(rule);
    }
}
