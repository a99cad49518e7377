package org.jcm.registry.countryonboarding.messaging;

import static org.awaitility.Awaitility.await;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.countryonboarding.contract.Contract;
import org.jcm.registry.testsupport.TestInfra;

/** What a partner-country system does in these tests: publish (golden) events on its inbound topic. */
final class PartnerEvents {

    private PartnerEvents() {}

    /** The golden example of a type, re-addressed: a new id, another country and source, some data fields replaced. */
    static String variant(String type, String country, String source, Map<String, Object> data) {
        ObjectNode event = (ObjectNode) Contract.exampleJson(type);
        event.put("id", UUID.randomUUID().toString());
        event.put("source", source);
        event.put("subject", country);
        ObjectNode body = (ObjectNode) event.get("data");
        body.put("country", country);
        data.forEach((k, v) -> {
            if (v == null) {
                body.remove(k);
            } else {
                body.putPOJO(k, v);
            }
        });
        return event.toString();
    }

    static String idOf(String event) {
        return Contract.json(event).get("id").asText();
    }

    static void publish(String topicCountry, String event) {
        TestInfra.publish(Topics.partnerInbound(topicCountry), topicCountry, event);
    }

    /** Waits until the event arriving on the topic is in the operators' dead-letter list, and returns it. */
    static Map<String, Object> awaitDeadLetter(String topicCountry, String eventId) {
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Map<String, Object>> letters = given().queryParam("limit", 1000).when().get("/api/dead-letters").then().statusCode(200)
                    .extract().jsonPath().getList("$");
            letters.stream().filter(d -> eventId.equals(d.get("eventId")) && Topics.partnerInbound(topicCountry).equals(d.get("topic")))
                    .findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }
}
