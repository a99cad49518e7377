package org.jcm.registry.projectregistry.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jcm.registry.projectregistry.Rules.refused;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectSnapshot.CityCollaboration;
import org.jcm.registry.contract.project.ProjectSnapshot.CreditAllocation;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.problem.RuleViolations;
import org.junit.jupiter.api.Test;

/** The project cycle without Quarkus: every transition and every rule of the content. */
class ProjectTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 1, 1);
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            java.time.ZoneOffset.UTC);
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final DocumentReference DOC = new DocumentReference(null, "https://jcm.example.org/d.pdf", SHA);
    private static final TpeDesignation TPE = new TpeDesignation("TPE-1", "Verifier", List.of(1), LocalDate.of(2014, 1, 1), null);
    private static final MethodologyRef METHODOLOGY = new MethodologyRef(UUID.randomUUID(), "MN_AM003", 1, 1);

    static IdeaNote content(List<Participant> participants, CreditAllocation allocation, CityCollaboration city, Period crediting) {
        return new IdeaNote("Solar", participants, crediting, 1000, allocation, city, List.of(DOC));
    }

    static IdeaNote content() {
        return content(List.of(new Participant("A", "JP", "PP", true), new Participant("B", "MN", "PP", false)), allocation(50, 10, 40), null,
                new Period(LocalDate.of(2016, 1, 1), LocalDate.of(2030, 12, 31)));
    }

    static CreditAllocation allocation(double japan, double partner, double participants) {
        return new CreditAllocation(BigDecimal.valueOf(japan), BigDecimal.valueOf(partner), BigDecimal.valueOf(participants));
    }

    static Project idea() {
        return Project.submitIdea(UUID.randomUUID(), "MN_PIN001", "MN", METHODOLOGY, content(), LocalDate.of(2015, 3, 1), CLOCK);
    }

    static JcDecision jc(String ref, String date) {
        return new JcDecision(ref, LocalDate.parse(date));
    }

    static Project requested() {
        Project p = idea();
        p.grantNoObjection(jc("JC-1", "2015-04-01"), CLOCK);
        p.publishDesign(LocalDate.of(2015, 5, 1), DOC, CLOCK);
        p.validate(TPE, LocalDate.of(2015, 8, 1), DOC, CLOCK);
        p.requestRegistration(LocalDate.of(2015, 9, 1), CLOCK);
        return p;
    }

    @Test
    void goesFromIdeaNoteToRegisteredRecordingEachStep() {
        Project p = idea();
        assertThat(p.snapshot().state()).isEqualTo(ProjectState.IDEA_SUBMITTED);
        assertThat(p.grantNoObjection(jc("JC-1", "2015-04-01"), CLOCK)).isTrue();
        assertThat(p.snapshot().state()).isEqualTo(ProjectState.NO_OBJECTION);
        p.publishDesign(LocalDate.of(2015, 5, 1), DOC, CLOCK);
        assertThat(p.snapshot().state()).isEqualTo(ProjectState.DESIGN_PUBLISHED);
        p.validate(TPE, LocalDate.of(2015, 8, 1), DOC, CLOCK);
        assertThat(p.snapshot().state()).isEqualTo(ProjectState.VALIDATED);
        p.requestRegistration(LocalDate.of(2015, 9, 1), CLOCK);
        assertThat(p.snapshot().state()).isEqualTo(ProjectState.REGISTRATION_REQUESTED);
        assertThat(p.register(jc("JC-R", "2015-10-01"), CLOCK, () -> "MN001")).isTrue();
        var s = p.snapshot();
        assertThat(s.state()).isEqualTo(ProjectState.REGISTERED);
        assertThat(s.reference()).isEqualTo("MN001");
        assertThat(s.noObjection()).isEqualTo(jc("JC-1", "2015-04-01"));
        assertThat(s.registration()).isEqualTo(jc("JC-R", "2015-10-01"));
        assertThat(s.validation().tpeId()).isEqualTo("TPE-1");
        assertThat(s.documents()).extracting(DocumentReference::kind).containsExactly("PIN", "PDD", "VALIDATION_REPORT");
        assertThat(s.revision()).isEqualTo(6);
    }

    @Test
    void registrationTakesAReferenceOnlyWhenAllowedAndRepeatsOfTheSameDecisionChangeNothing() {
        Project p = idea();
        refused(() -> p.register(jc("JC-R", "2015-10-01"), CLOCK, () -> {
            throw new AssertionError("no number may be taken");
        }), ProjectRule.ILLEGAL_TRANSITION);
        Project r = requested();
        r.register(jc("JC-R", "2015-10-01"), CLOCK, () -> "MN001");
        assertThat(r.register(jc("JC-R", "2015-10-01"), CLOCK, () -> "MN002")).isFalse();
        assertThat(r.snapshot().reference()).isEqualTo("MN001");
        refused(() -> r.register(jc("JC-OTHER", "2015-10-01"), CLOCK, () -> "MN002"), ProjectRule.DECISION_CONFLICT);
        assertThat(r.grantNoObjection(jc("JC-1", "2015-04-01"), CLOCK)).isFalse();
        refused(() -> r.grantNoObjection(jc("JC-9", "2015-04-01"), CLOCK), ProjectRule.DECISION_CONFLICT);
    }

    @Test
    void eachStepNeedsItsState() {
        refused(() -> idea().publishDesign(LocalDate.of(2015, 5, 1), DOC, CLOCK), ProjectRule.ILLEGAL_TRANSITION);
        refused(() -> idea().validate(TPE, LocalDate.of(2015, 8, 1), DOC, CLOCK), ProjectRule.ILLEGAL_TRANSITION);
        refused(() -> idea().requestRegistration(LocalDate.of(2015, 9, 1), CLOCK), ProjectRule.ILLEGAL_TRANSITION);
        refused(() -> idea().deregister(jc("JC-D", "2016-01-01"), CLOCK), ProjectRule.ILLEGAL_TRANSITION);
    }

    @Test
    void withdrawalOnlyBeforeRegistrationAndDeregistrationOnlyAfter() {
        Project before = requested();
        before.withdraw(LocalDate.of(2015, 9, 15), CLOCK);
        assertThat(before.snapshot().state()).isEqualTo(ProjectState.WITHDRAWN);
        refused(() -> before.withdraw(LocalDate.of(2015, 9, 16), CLOCK), ProjectRule.ILLEGAL_TRANSITION);
        refused(() -> before.grantNoObjection(jc("JC-X", "2015-09-20"), CLOCK), ProjectRule.DECISION_CONFLICT);

        Project registered = requested();
        registered.register(jc("JC-R", "2015-10-01"), CLOCK, () -> "MN001");
        refused(() -> registered.withdraw(LocalDate.of(2016, 1, 1), CLOCK), ProjectRule.ILLEGAL_TRANSITION);
        refused(() -> registered.deregister(jc("JC-D", "2015-09-01"), CLOCK), ProjectRule.DATE_BEFORE_PREVIOUS_STEP);
        registered.deregister(jc("JC-D", "2020-01-01"), CLOCK);
        assertThat(registered.snapshot().state()).isEqualTo(ProjectState.DEREGISTERED);
        assertThat(registered.snapshot().reference()).isEqualTo("MN001");
        refused(() -> registered.deregister(jc("JC-D2", "2021-01-01"), CLOCK), ProjectRule.ILLEGAL_TRANSITION);
    }

    @Test
    void datesAreNeitherInTheFutureNorBeforeThePreviousStep() {
        refused(() -> idea().grantNoObjection(jc("JC-1", "2015-02-01"), CLOCK), ProjectRule.DATE_BEFORE_PREVIOUS_STEP);
        refused(() -> idea().grantNoObjection(new JcDecision("JC-1", TODAY.plusDays(1)), CLOCK), ProjectRule.DATE_IN_FUTURE);
        refused(() -> Project.submitIdea(UUID.randomUUID(), "MN_PIN001", "MN", METHODOLOGY, content(), TODAY.plusDays(1), CLOCK),
                ProjectRule.DATE_IN_FUTURE);
    }

    @Test
    void checksTheContentOfTheIdeaNote() {
        Period crediting = new Period(LocalDate.of(2016, 1, 1), LocalDate.of(2030, 12, 31));
        List<Participant> one = List.of(new Participant("A", "JP", "PP", true));
        refused(() -> submit(content(List.of(new Participant("A", "JP", "PP", false)), allocation(50, 10, 40), null, crediting)),
                ProjectRule.FOCAL_POINT);
        refused(() -> submit(
                content(List.of(new Participant("A", "JP", "PP", true), new Participant("B", "MN", "PP", true)), allocation(50, 10, 40), null,
                        crediting)),
                ProjectRule.FOCAL_POINT);
        refused(() -> submit(content(one, allocation(50, 10, 39.99), null, crediting)), ProjectRule.ALLOCATION_NOT_100);
        refused(() -> submit(content(one, allocation(120, -10, -10), null, crediting)), ProjectRule.ALLOCATION_NOT_100);
        refused(() -> submit(content(one, allocation(50.005, 10, 39.995), null, crediting)), ProjectRule.ALLOCATION_NOT_100);
        refused(() -> submit(content(one, allocation(50, 10, 40), new CityCollaboration("Kitakyushu", " "), crediting)),
                ProjectRule.INVALID_CITY_COLLABORATION);
        refused(() -> submit(content(one, allocation(50, 10, 40), null, new Period(LocalDate.of(2030, 1, 1), LocalDate.of(2020, 1, 1)))),
                ProjectRule.INVALID_CREDITING_PERIOD);
        assertThat(submit(content(one, allocation(50.5, 9.5, 40), new CityCollaboration("Kitakyushu", "Hai Phong"), crediting)).snapshot()
                .cityCollaboration()).isEqualTo(new CityCollaboration("Kitakyushu", "Hai Phong"));
    }

    @Test
    void monitoringCoversTheCreditingPeriodOfARegisteredProjectOnly() {
        Project p = requested();
        refused(() -> p.requireMonitoringOf(new Period(LocalDate.of(2016, 1, 1), LocalDate.of(2030, 12, 31))), ProjectRule.PROJECT_NOT_REGISTERED);
        p.register(jc("JC-R", "2015-10-01"), CLOCK, () -> "MN001");
        p.requireMonitoringOf(new Period(LocalDate.of(2016, 1, 1), LocalDate.of(2030, 12, 31)));
        refused(() -> p.requireMonitoringOf(new Period(LocalDate.of(2015, 12, 31), LocalDate.of(2017, 1, 1))), ProjectRule.PERIOD_OUTSIDE_CREDITING);
        refused(() -> p.requireMonitoringOf(new Period(LocalDate.of(2030, 1, 1), LocalDate.of(2031, 1, 1))), ProjectRule.PERIOD_OUTSIDE_CREDITING);
    }

    /** An idea note that breaks several rules is told all of them at once. */
    @Test
    void anIdeaNoteBreakingSeveralRulesIsToldAllOfThem() {
        IdeaNote note = content(List.of(new Participant("A", "JP", "PP", true), new Participant("B", "MN", "PP", true)), allocation(50, 10, 30), null,
                new Period(LocalDate.of(2016, 1, 1), LocalDate.of(2030, 12, 31)));
        assertThatThrownBy(() -> submit(note)).isInstanceOfSatisfying(RuleViolations.class, v -> assertThat(v.violations())
                .extracting(x -> x.rule()).containsExactly(ProjectRule.FOCAL_POINT, ProjectRule.ALLOCATION_NOT_100));
    }

    private static Project submit(IdeaNote content) {
        return Project.submitIdea(UUID.randomUUID(), "MN_PIN001", "MN", METHODOLOGY, content, LocalDate.of(2015, 3, 1), CLOCK);
    }
}
