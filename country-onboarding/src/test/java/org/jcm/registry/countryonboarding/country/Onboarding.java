package org.jcm.registry.countryonboarding.country;

import static org.jcm.registry.testsupport.Api.given;

import java.util.Locale;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Request helpers the REST tests share. */
public final class Onboarding {

    private Onboarding() {}

    public static ValidatableResponse post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    public static ValidatableResponse put(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().put(path).then();
    }

    public static void propose(String code, String name) {
        post("/api/countries", "{\"code\": \"" + code + "\", \"name\": \"" + name + "\"}").statusCode(201);
    }

    public static void sign(String code, String date) {
        post("/api/countries/" + code + "/bilateral-document", "{\"signedOn\": \"" + date + "\"}").statusCode(200);
    }

    public static void establish(String code, String date) {
        post("/api/countries/" + code + "/joint-committee", "{\"establishedOn\": \"" + date + "\"}").statusCode(200);
    }

    public static void activate(String code, String date, String partnerSystemClientId) {
        post("/api/countries/" + code + "/activation", "{\"activatedOn\": \"" + date + "\", \"registryCode\": \"" + code
                + "\", \"article6RegistryId\": \"" + new Locale("", code).getISO3Country() + "01\", \"hosting\": \"EXTERNAL\""
                + (partnerSystemClientId == null ? "" : ", \"partnerSystemClientId\": \"" + partnerSystemClientId + "\"") + "}").statusCode(200);
    }

    /** Proposes, signs, establishes and activates a country, all on one date. */
    public static void onboard(String code, String name, String date, String partnerSystemClientId) {
        propose(code, name);
        sign(code, date);
        establish(code, date);
        activate(code, date, partnerSystemClientId);
    }

    public static void designate(String code, String tpeId, String scopes, String date) {
        post("/api/countries/" + code + "/tpes", "{\"tpeId\": \"" + tpeId + "\", \"name\": \"" + tpeId + " Ltd.\", \"sectoralScopes\": ["
                + scopes + "], \"designatedOn\": \"" + date + "\"}").statusCode(201);
    }
}
