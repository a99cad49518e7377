package org.jcm.registry.testsupport;

/** Partner-country events as a partner's system writes them on its inbound topic: CloudEvents in structured JSON. */
public final class PartnerEvents {

    private PartnerEvents() {}

    /** The source a partner system of {@code country} (alpha-2) signs its events with. */
    public static String source(String country) {
        return "urn:jcm:partner:" + country.toLowerCase(java.util.Locale.ROOT);
    }

    /** A CloudEvent with the given attributes and {@code data} (JSON, inserted as is); a null {@code subject} is left out. */
    public static String cloudEvent(String id, String source, String type, String subject, String data) {
        return "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", \"source\": \"" + source + "\", \"type\": \"" + type + "\", "
                + (subject == null ? "" : "\"subject\": \"" + subject + "\", ")
                + "\"time\": \"2025-03-14T09:00:00Z\", \"datacontenttype\": \"application/json\", \"data\": " + data + "}";
    }
}
