package org.jcm.registry.projectregistry.project;

import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.projectregistry.Fixtures.SHA;
import static org.jcm.registry.projectregistry.Fixtures.post;
import static org.jcm.registry.projectregistry.Fixtures.problem;

import java.time.LocalDate;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.junit.jupiter.api.Test;

/** Who may take part, from the country read model: ACTIVE host countries and designated TPEs only. */
@QuarkusTest
class ParticipationRulesTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void aVerificationByATpeWithdrawnBeforeTheReportDateIsRefused() {
        Fixtures.activate(codec, "LK", "LKA", "Sri Lanka",
                Fixtures.tpe("TPE-LK-OLD", "Withdrawn Verifier Ltd", 1, LocalDate.of(2014, 1, 1), LocalDate.of(2019, 6, 30)),
                Fixtures.tpe("TPE-LK-NEW", "Current Verifier Ltd", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("LK", "Solar PV for facilities", 1);
        String project = Fixtures.ideaNote("LK", methodology, "Rooftop solar in Colombo");
        Fixtures.upToRegistrationRequest(project, "TPE-LK-OLD");
        Fixtures.register(project, "JC-LK-1").statusCode(200);
        String report = post("/api/projects/" + project + "/monitoring-reports", """
                {"period": {"start": "2018-01-01", "end": "2018-12-31"}, "totalClaimed": 900, "submittedOn": "2019-02-01",
                 "document": {"uri": "https://jcm.example.org/lk/mr.pdf", "sha256": "%s"}}""".formatted(SHA)).statusCode(201).extract().path("id");

        String verification = """
                {"tpeId": "%s", "verifiedOn": "2019-09-01", "opinion": "POSITIVE", "totalVerified": 850,
                 "report": {"uri": "https://jcm.example.org/lk/ver.pdf", "sha256": "%s"}}""";
        problem(post("/api/projects/" + project + "/monitoring-reports/" + report + "/verifications", verification.formatted("TPE-LK-OLD", SHA)),
                422, "JCM-PRJ-007");
        post("/api/projects/" + project + "/monitoring-reports/" + report + "/verifications", verification.formatted("TPE-LK-NEW", SHA))
                .statusCode(201).body("tpeId", equalTo("TPE-LK-NEW"), "verifiedReductions[0].vintage", equalTo(2018));
    }

    @Test
    void suspendingTheHostCountryBlocksANewRegistrationAndNewProjects() {
        CountrySnapshot ph = Fixtures.activate(codec, "PH", "PHL", "Philippines",
                Fixtures.tpe("TPE-PH-1", "Verifier PH", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("PH", "Power generation by waste heat recovery", 1);
        String project = Fixtures.ideaNote("PH", methodology, "Waste heat recovery in a cement plant");
        Fixtures.upToRegistrationRequest(project, "TPE-PH-1");

        Fixtures.suspend(codec, ph);

        problem(Fixtures.register(project, "JC-PH-1"), 409, "JCM-PRJ-005");
        problem(post("/api/projects", Fixtures.ideaJson("PH", methodology, "Another plant", null)), 409, "JCM-PRJ-005");
        Fixtures.post("/api/projects/" + project + "/no-objection", "{\"decisionReference\": \"JC-NO-1\", \"decidedOn\": \"2015-04-01\"}")
                .statusCode(200).body("state", equalTo("REGISTRATION_REQUESTED"));
    }

    @Test
    void validationNeedsATpeDesignatedForTheScopeOnTheValidationDate() {
        Fixtures.activate(codec, "LA", "LAO", "Lao PDR", Fixtures.tpe("TPE-LA-1", "Scope 3 Verifier", 3, LocalDate.of(2014, 1, 1), null),
                Fixtures.tpe("TPE-LA-2", "Late Verifier", 1, LocalDate.of(2016, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("LA", "Efficient cook stoves", 1);
        String project = Fixtures.ideaNote("LA", methodology, "Cook stoves in Vientiane");
        post("/api/projects/" + project + "/no-objection", "{\"decisionReference\": \"JC-LA-1\", \"decidedOn\": \"2015-04-01\"}").statusCode(200);
        post("/api/projects/" + project + "/design-publication", """
                {"publishedOn": "2015-05-01", "designDocument": {"uri": "https://jcm.example.org/la/pdd.pdf", "sha256": "%s"}}""".formatted(SHA))
                .statusCode(200);
        String validation = """
                {"tpeId": "%s", "validatedOn": "2015-08-01", "report": {"uri": "https://jcm.example.org/la/val.pdf", "sha256": "%s"}}""";
        problem(post("/api/projects/" + project + "/validation", validation.formatted("TPE-LA-1", SHA)), 422, "JCM-PRJ-007");
        problem(post("/api/projects/" + project + "/validation", validation.formatted("TPE-LA-2", SHA)), 422, "JCM-PRJ-007");
        problem(post("/api/projects/" + project + "/validation", validation.formatted("TPE-NOBODY", SHA)), 422, "JCM-PRJ-007");
    }

    @Test
    void onlyAKnownActiveCountryTakesProjects() {
        Fixtures.known(codec, "KE", "KEN", "Kenya", org.jcm.registry.contract.country.CountryState.JOINT_COMMITTEE_ESTABLISHED);
        String methodology = Fixtures.approvedMethodology("KE", "Geothermal power", 1);
        problem(post("/api/projects", Fixtures.ideaJson("KE", methodology, "Geothermal in the Rift Valley", null)), 409, "JCM-PRJ-004");
        problem(post("/api/projects", Fixtures.ideaJson("XK", "XK_AM001", "Nowhere", null)), 422, "JCM-PRJ-003");
    }
}
