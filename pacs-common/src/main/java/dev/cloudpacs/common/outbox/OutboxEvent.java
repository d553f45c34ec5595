package dev.cloudpacs.common.outbox;

import java.util.UUID;

/**
 * An event ready for the outbox table: serialised payload and CloudEvents attributes.
 *
 * @param payloadJson the payload as a JSON object
 */
public record OutboxEvent(String topic, String key, UUID id, String type, String source, String subject,
                          String payloadJson) {
}
