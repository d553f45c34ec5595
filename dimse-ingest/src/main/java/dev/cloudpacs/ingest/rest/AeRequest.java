package dev.cloudpacs.ingest.rest;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.common.ae.InvalidAeException;

import java.time.OffsetDateTime;

/**
 * The body of {@code PUT /admin/ae/{title}}. Flags left out take their defaults (tls off, the three
 * permissions on): PUT replaces the whole entry. {@code aeTitle} and {@code updatedAt} may be present
 * so that a GET result can be edited and sent back; the title must then match the path.
 */
public class AeRequest {
    public String aeTitle;
    public String host;
    public Integer port;
    public Boolean tls;
    public Boolean mayStore;
    public Boolean mayQuery;
    public Boolean mayRetrieve;
    public String description;
    /** Ignored: the server sets it. */
    public OffsetDateTime updatedAt;
    /** The first property we do not know; reported rather than silently dropped (a typo would lose a flag). */
    private String unknown;

    @JsonAnySetter
    void unknownProperty(String name, Object value) {
        if (unknown == null) {
            unknown = name;
        }
    }

    /**
     * The entry this request describes for {@code title} (already normalized), unvalidated apart from
     * the checks only the request can make.
     */
    ApplicationEntity toEntity(String title) {
        if (unknown != null) {
            throw new InvalidAeException(unknown, "is not a known field (expected host, port, tls, mayStore, mayQuery,"
                    + " mayRetrieve, description)");
        }
        if (aeTitle != null && !aeTitle.strip().equals(title)) {
            throw new InvalidAeException("aeTitle", "in the body does not match the title in the path");
        }
        if (port == null) {
            throw new InvalidAeException("port", "is required");
        }
        ApplicationEntity ae = new ApplicationEntity();
        ae.aeTitle = title;
        ae.host = host;
        ae.port = port;
        ae.tls = tls != null && tls;
        ae.mayStore = mayStore == null || mayStore;
        ae.mayQuery = mayQuery == null || mayQuery;
        ae.mayRetrieve = mayRetrieve == null || mayRetrieve;
        ae.description = description;
        return ae;
    }
}
