package dev.cloudpacs.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in Kafka binary mode: attributes travel as {@code ce_*} headers, the JSON
 * payload as the record value (CloudEvents Kafka protocol binding, section 3.2).
 *
 * @param id      unique per event (consumers deduplicate on it)
 * @param source  the producing system
 * @param type    reverse-DNS event type with a version suffix
 * @param subject what the event is about (a UID)
 * @param time    when it happened
 * @param data    JSON payload
 */
public record CloudEvent(UUID id, String source, String type, String subject, OffsetDateTime time, String data) {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    /** The Kafka headers of binary mode. */
    public Map<String, byte[]> headers() {
        Map<String, byte[]> h = new LinkedHashMap<>();
        h.put("ce_specversion", bytes(SPEC_VERSION));
        h.put("ce_id", bytes(id.toString()));
        h.put("ce_source", bytes(source));
        h.put("ce_type", bytes(type));
        if (subject != null) {
            h.put("ce_subject", bytes(subject));
        }
        h.put("ce_time", bytes(time.toString()));
        h.put("content-type", bytes(CONTENT_TYPE));
        return h;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
