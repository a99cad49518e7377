package org.jcm.registry.countryonboarding.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.jcm.registry.contract.country.CountrySnapshot.Article6Settings;
import org.jcm.registry.contract.country.CountrySnapshot.FirstTransfer;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.problem.RuleViolation;
import org.junit.jupiter.api.Test;

class PartnerCountryTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            java.time.ZoneOffset.UTC);
    private static final RegistryIdentity THAI_REGISTRY = new RegistryIdentity("TH", "THA01", Hosting.EXTERNAL);

    private static PartnerCountry thailand() {
        return PartnerCountry.propose(IsoCountry.of("TH", null), "Thailand", CLOCK);
    }

    @Test
    void goesThroughTheLifecycleToActiveWithOneRevisionPerStep() {
        PartnerCountry th = thailand();
        assertThat(th.snapshot().state()).isEqualTo(CountryState.PROPOSED);
        assertThat(th.snapshot().version()).isEqualTo(1);

        th.signBilateralDocument(LocalDate.of(2015, 11, 19), CLOCK);
        th.establishJointCommittee(LocalDate.of(2015, 11, 19), CLOCK);
        th.activate(LocalDate.of(2016, 1, 1), THAI_REGISTRY, "th-registry-client", CLOCK);

        assertThat(th.snapshot().state()).isEqualTo(CountryState.ACTIVE);
        assertThat(th.snapshot().version()).isEqualTo(4);
        assertThat(th.snapshot().alpha3()).isEqualTo("THA");
        assertThat(th.snapshot().bilateralDocumentSignedOn()).isEqualTo(LocalDate.of(2015, 11, 19));
        assertThat(th.snapshot().registry()).isEqualTo(THAI_REGISTRY);
    }

    @Test
    void refusesStepsOutOfOrder() {
        PartnerCountry th = thailand();
        assertRule(() -> th.establishJointCommittee(LocalDate.of(2015, 11, 19), CLOCK), CountryRule.ILLEGAL_TRANSITION);
        assertRule(() -> th.activate(LocalDate.of(2016, 1, 1), THAI_REGISTRY, null, CLOCK), CountryRule.ILLEGAL_TRANSITION);
        th.signBilateralDocument(LocalDate.of(2015, 11, 19), CLOCK);
        assertRule(() -> th.signBilateralDocument(LocalDate.of(2015, 11, 19), CLOCK), CountryRule.ILLEGAL_TRANSITION);
        assertThat(th.snapshot().state()).isEqualTo(CountryState.BILATERAL_DOCUMENT_SIGNED);
        assertThat(th.snapshot().version()).isEqualTo(2);
    }

    @Test
    void refusesImpossibleDates() {
        PartnerCountry th = thailand();
        assertRule(() -> th.signBilateralDocument(TODAY.plusDays(1), CLOCK), CountryRule.DATE_IN_FUTURE);
        th.signBilateralDocument(LocalDate.of(2015, 11, 19), CLOCK);
        assertRule(() -> th.establishJointCommittee(LocalDate.of(2015, 11, 18), CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        th.establishJointCommittee(LocalDate.of(2015, 12, 1), CLOCK);
        assertRule(() -> th.activate(LocalDate.of(2015, 11, 30), THAI_REGISTRY, null, CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
    }

    @Test
    void checksTheRegistryIdentityOnActivation() {
        PartnerCountry th = thailand();
        th.signBilateralDocument(LocalDate.of(2015, 11, 19), CLOCK);
        th.establishJointCommittee(LocalDate.of(2015, 11, 19), CLOCK);
        assertRule(() -> th.activate(TODAY, new RegistryIdentity("TH", "MNG01", Hosting.HOSTED), null, CLOCK),
                CountryRule.INVALID_ARTICLE6_REGISTRY_ID);
        assertRule(() -> th.activate(TODAY, new RegistryIdentity("th", "THA01", Hosting.HOSTED), null, CLOCK), CountryRule.INVALID_REGISTRY_CODE);
        assertThat(th.snapshot().state()).isEqualTo(CountryState.JOINT_COMMITTEE_ESTABLISHED);
    }

    @Test
    void knowsIsoCodesAndRefusesJapanAsAPartner() {
        assertThat(IsoCountry.of("MN", null).alpha3()).isEqualTo("MNG");
        assertRule(() -> IsoCountry.of("XX", null), CountryRule.UNKNOWN_ISO_CODE);
        assertRule(() -> IsoCountry.of("mn", null), CountryRule.UNKNOWN_ISO_CODE);
        assertRule(() -> IsoCountry.of("VN", "VNX"), CountryRule.ALPHA3_MISMATCH);
        assertRule(() -> PartnerCountry.propose(IsoCountry.of("JP", null), "Japan", CLOCK), CountryRule.JAPAN_IS_FIXED);
    }

    @Test
    void japanIsActiveFromTheStartWithItsOwnRegistry() {
        PartnerCountry jp = PartnerCountry.japan(CLOCK);
        assertThat(jp.snapshot().state()).isEqualTo(CountryState.ACTIVE);
        assertThat(jp.snapshot().registry()).isEqualTo(new RegistryIdentity("JP", "JPN01", Hosting.HOSTED));
    }

    private static void assertRule(Runnable action, CountryRule rule) {
        assertThatThrownBy(action::run).isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).rule()).isEqualTo(rule);
    }

    private static final LocalDate SIGNED = LocalDate.of(2015, 11, 19);
    private static final LocalDate JC = LocalDate.of(2016, 2, 4);
    private static final LocalDate ACTIVATED = LocalDate.of(2016, 3, 1);

    private static PartnerCountry activeThailand() {
        PartnerCountry th = thailand();
        th.signBilateralDocument(SIGNED, CLOCK);
        th.establishJointCommittee(JC, CLOCK);
        th.activate(ACTIVATED, THAI_REGISTRY, null, CLOCK);
        return th;
    }

    private static PartnerCountry inState(CountryState state) {
        PartnerCountry th = thailand();
        if (state == CountryState.PROPOSED) {
            return th;
        }
        th.signBilateralDocument(SIGNED, CLOCK);
        if (state == CountryState.BILATERAL_DOCUMENT_SIGNED) {
            return th;
        }
        th.establishJointCommittee(JC, CLOCK);
        if (state == CountryState.JOINT_COMMITTEE_ESTABLISHED) {
            return th;
        }
        th.activate(ACTIVATED, THAI_REGISTRY, null, CLOCK);
        if (state == CountryState.SUSPENDED) {
            th.suspend(LocalDate.of(2020, 1, 1), "audit", CLOCK);
        } else if (state == CountryState.TERMINATED) {
            th.terminate(LocalDate.of(2020, 1, 1), "ended", CLOCK);
        }
        return th;
    }

    @Test
    void suspendsReinstatesAndTerminatesWithOneRevisionEach() {
        PartnerCountry th = activeThailand();
        th.suspend(LocalDate.of(2025, 1, 10), " registry audit ", CLOCK);
        assertThat(th.snapshot().state()).isEqualTo(CountryState.SUSPENDED);
        assertThat(th.snapshot().version()).isEqualTo(5);
        assertThat(th.snapshot().suspendedOn()).isEqualTo(LocalDate.of(2025, 1, 10));
        assertThat(th.snapshot().suspensionReason()).isNotBlank();
        th.reinstate(LocalDate.of(2025, 2, 1), CLOCK);
        assertThat(th.snapshot().state()).isEqualTo(CountryState.ACTIVE);
        assertThat(th.snapshot().reinstatedOn()).isEqualTo(LocalDate.of(2025, 2, 1));
        th.suspend(LocalDate.of(2025, 3, 1), "again", CLOCK);
        th.terminate(LocalDate.of(2025, 6, 30), "ended", CLOCK);
        assertThat(th.snapshot().state()).isEqualTo(CountryState.TERMINATED);
        assertThat(th.snapshot().version()).isEqualTo(8);
        assertThat(th.snapshot().terminatedOn()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(th.snapshot().terminationReason()).isEqualTo("ended");
        assertThat(activeThailand()).satisfies(c -> {
            c.terminate(ACTIVATED, "ended on the day it began", CLOCK);
            assertThat(c.snapshot().state()).isEqualTo(CountryState.TERMINATED);
        });
    }

    @Test
    void everyIllegalTransitionIsRefusedAndChangesNothing() {
        LocalDate d = LocalDate.of(2024, 1, 1);
        for (CountryState state : CountryState.values()) {
            if (state != CountryState.PROPOSED) {
                assertUnchanged(inState(state), c -> c.signBilateralDocument(SIGNED, CLOCK));
            }
            if (state != CountryState.BILATERAL_DOCUMENT_SIGNED) {
                assertUnchanged(inState(state), c -> c.establishJointCommittee(JC, CLOCK));
            }
            if (state != CountryState.JOINT_COMMITTEE_ESTABLISHED) {
                assertUnchanged(inState(state), c -> c.activate(ACTIVATED, THAI_REGISTRY, null, CLOCK));
            }
            if (state != CountryState.ACTIVE) {
                assertUnchanged(inState(state), c -> c.suspend(d, "why", CLOCK));
            }
            if (state != CountryState.SUSPENDED) {
                assertUnchanged(inState(state), c -> c.reinstate(d, CLOCK));
            }
            if (state != CountryState.ACTIVE && state != CountryState.SUSPENDED) {
                assertUnchanged(inState(state), c -> c.terminate(d, "why", CLOCK));
            }
            if (state != CountryState.JOINT_COMMITTEE_ESTABLISHED && state != CountryState.ACTIVE) {
                assertUnchanged(inState(state), c -> c.designateTpe("TPE-1", "A TPE", List.of(1), d, CLOCK));
            }
        }
    }

    private static void assertUnchanged(PartnerCountry country, java.util.function.Consumer<PartnerCountry> step) {
        CountryState before = country.snapshot().state();
        long version = country.snapshot().version();
        assertRule(() -> step.accept(country), CountryRule.ILLEGAL_TRANSITION);
        assertThat(country.snapshot().state()).isEqualTo(before);
        assertThat(country.snapshot().version()).isEqualTo(version);
    }

    @Test
    void refusesImpossibleDatesAndMissingReasonsForTheLaterSteps() {
        PartnerCountry th = activeThailand();
        assertRule(() -> th.suspend(TODAY.plusDays(1), "why", CLOCK), CountryRule.DATE_IN_FUTURE);
        assertRule(() -> th.suspend(ACTIVATED.minusDays(1), "why", CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        assertRule(() -> th.suspend(ACTIVATED, "  ", CLOCK), CountryRule.REASON_REQUIRED);
        assertRule(() -> th.suspend(ACTIVATED, null, CLOCK), CountryRule.REASON_REQUIRED);
        assertRule(() -> th.terminate(ACTIVATED.minusDays(1), "why", CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        assertRule(() -> th.terminate(ACTIVATED, "", CLOCK), CountryRule.REASON_REQUIRED);
        assertRule(() -> th.terminate(TODAY.plusDays(1), "why", CLOCK), CountryRule.DATE_IN_FUTURE);
        th.suspend(LocalDate.of(2025, 1, 10), "audit", CLOCK);
        assertRule(() -> th.reinstate(LocalDate.of(2025, 1, 9), CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        assertRule(() -> th.reinstate(TODAY.plusDays(1), CLOCK), CountryRule.DATE_IN_FUTURE);
        assertRule(() -> th.terminate(LocalDate.of(2025, 1, 9), "why", CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        th.reinstate(LocalDate.of(2025, 1, 10), CLOCK);
        assertRule(() -> th.suspend(LocalDate.of(2025, 1, 9), "why", CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        assertThat(th.snapshot().state()).isEqualTo(CountryState.ACTIVE);
    }

    @Test
    void japanCannotBeSuspendedTerminatedOrGivenTpes() {
        PartnerCountry jp = PartnerCountry.japan(CLOCK);
        assertRule(() -> jp.suspend(TODAY, "why", CLOCK), CountryRule.JAPAN_IS_FIXED);
        assertRule(() -> jp.terminate(TODAY, "why", CLOCK), CountryRule.JAPAN_IS_FIXED);
        assertRule(() -> jp.designateTpe("TPE-1", "A TPE", List.of(1), TODAY, CLOCK), CountryRule.JAPAN_IS_FIXED);
        assertThat(jp.snapshot().state()).isEqualTo(CountryState.ACTIVE);
    }

    @Test
    void designatesAndWithdrawsTpesAndAnswersWhichWereDesignatedForAScopeOnADate() {
        PartnerCountry th = inState(CountryState.JOINT_COMMITTEE_ESTABLISHED);
        TpeDesignation jqa = th.designateTpe("TPE-TH-001", "Japan Quality Assurance Organization", List.of(3, 1, 3), LocalDate.of(2016, 2, 20),
                CLOCK);
        assertThat(jqa.sectoralScopes()).containsExactly(1, 3);
        th.activate(ACTIVATED, THAI_REGISTRY, null, CLOCK);
        th.designateTpe("TPE-TH-002", "Bureau Veritas", List.of(1, 2, 7), LocalDate.of(2017, 1, 1), CLOCK);
        assertThat(th.snapshot().thirdPartyEntities()).extracting(TpeDesignation::tpeId).containsExactly("TPE-TH-001", "TPE-TH-002");
        assertThat(th.snapshot().version()).isEqualTo(6);

        TpeDesignation withdrawn = th.withdrawTpe("TPE-TH-002", LocalDate.of(2020, 6, 30), CLOCK);
        assertThat(withdrawn.withdrawnOn()).isEqualTo(LocalDate.of(2020, 6, 30));
        assertThat(th.snapshot().version()).isEqualTo(7);

        assertThat(th.tpes().designatedFor(1, LocalDate.of(2018, 1, 1))).extracting(TpeDesignation::tpeId).containsExactly("TPE-TH-001",
                "TPE-TH-002");
        assertThat(th.tpes().designatedFor(1, LocalDate.of(2020, 6, 30))).extracting(TpeDesignation::tpeId).containsExactly("TPE-TH-001");
        assertThat(th.tpes().designatedFor(7, LocalDate.of(2016, 12, 31))).isEmpty();
        assertThat(th.tpes().designatedFor(7, LocalDate.of(2017, 1, 1))).extracting(TpeDesignation::tpeId).containsExactly("TPE-TH-002");
        assertThat(th.tpes().designatedFor(3, LocalDate.of(2016, 2, 19))).isEmpty();
        assertThat(th.tpes().designatedFor(null, null)).hasSize(2);

        th.suspend(LocalDate.of(2021, 1, 1), "audit", CLOCK);
        assertRule(() -> th.designateTpe("TPE-TH-003", "Another", List.of(1), LocalDate.of(2021, 1, 2), CLOCK), CountryRule.ILLEGAL_TRANSITION);
        th.withdrawTpe("TPE-TH-001", LocalDate.of(2021, 1, 2), CLOCK);
        assertThat(th.tpes().designatedFor(null, LocalDate.of(2021, 1, 2))).isEmpty();
    }

    @Test
    void refusesTpeDecisionsThatBreakARule() {
        PartnerCountry th = activeThailand();
        assertRule(() -> th.designateTpe("TPE 1", "Spaces are not allowed", List.of(1), ACTIVATED, CLOCK), CountryRule.INVALID_TPE);
        assertRule(() -> th.designateTpe("TPE-1", " ", List.of(1), ACTIVATED, CLOCK), CountryRule.INVALID_TPE);
        assertRule(() -> th.designateTpe("TPE-1", "A TPE", List.of(), ACTIVATED, CLOCK), CountryRule.INVALID_SECTORAL_SCOPE);
        assertRule(() -> th.designateTpe("TPE-1", "A TPE", List.of(0, 1), ACTIVATED, CLOCK), CountryRule.INVALID_SECTORAL_SCOPE);
        assertRule(() -> th.designateTpe("TPE-1", "A TPE", List.of(16), ACTIVATED, CLOCK), CountryRule.INVALID_SECTORAL_SCOPE);
        assertRule(() -> th.designateTpe("TPE-1", "A TPE", List.of(1), TODAY.plusDays(1), CLOCK), CountryRule.DATE_IN_FUTURE);
        assertRule(() -> th.designateTpe("TPE-1", "A TPE", List.of(1), JC.minusDays(1), CLOCK), CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        th.designateTpe("TPE-1", "A TPE", List.of(1), JC, CLOCK);
        assertRule(() -> th.designateTpe("TPE-1", "A TPE again", List.of(2), JC, CLOCK), CountryRule.TPE_ALREADY_DESIGNATED);
        assertRule(() -> th.withdrawTpe("TPE-9", TODAY, CLOCK), CountryRule.NO_SUCH_TPE);
        assertRule(() -> th.withdrawTpe("TPE-1", JC.minusDays(1), CLOCK), CountryRule.WITHDRAWAL_BEFORE_DESIGNATION);
        assertRule(() -> th.withdrawTpe("TPE-1", TODAY.plusDays(1), CLOCK), CountryRule.DATE_IN_FUTURE);
        th.withdrawTpe("TPE-1", JC, CLOCK);
        assertRule(() -> th.withdrawTpe("TPE-1", TODAY, CLOCK), CountryRule.TPE_ALREADY_WITHDRAWN);
        assertThat(th.snapshot().version()).isEqualTo(6);
        PartnerCountry ended = inState(CountryState.TERMINATED);
        assertRule(() -> ended.withdrawTpe("TPE-1", TODAY, CLOCK), CountryRule.ILLEGAL_TRANSITION);
    }

    @Test
    void article6SettingsNeedAFirstTransferDefinitionExactlyWhenOimpIsAuthorized() {
        PartnerCountry th = activeThailand();
        assertThat(th.snapshot().article6()).isNull();
        assertRule(() -> th.changeArticle6Settings(new Article6Settings(true, true, null), CLOCK), CountryRule.FIRST_TRANSFER_REQUIRED);
        assertRule(() -> th.changeArticle6Settings(new Article6Settings(true, false, FirstTransfer.ISSUANCE), CLOCK),
                CountryRule.FIRST_TRANSFER_WITHOUT_OIMP);
        Article6Settings settings = new Article6Settings(true, true, FirstTransfer.AUTHORIZATION);
        assertThat(th.changeArticle6Settings(settings, CLOCK)).isTrue();
        assertThat(th.snapshot().article6()).isEqualTo(settings);
        assertThat(th.snapshot().version()).isEqualTo(5);
        assertThat(th.changeArticle6Settings(settings, CLOCK)).isFalse();
        assertThat(th.snapshot().version()).isEqualTo(5);
        assertThat(th.changeArticle6Settings(new Article6Settings(true, false, null), CLOCK)).isTrue();
        assertThat(th.snapshot().version()).isEqualTo(6);
        PartnerCountry ended = inState(CountryState.TERMINATED);
        assertRule(() -> ended.changeArticle6Settings(settings, CLOCK), CountryRule.ILLEGAL_TRANSITION);
    }
}
