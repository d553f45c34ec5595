package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.retrieve.service.WadoException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Error replies of the WADO resources, as QIDO-RS gives them: the status, the reason as one line of
 * plain text, and the same reason in a {@code Warning: 299} header (PS3.18 8.6.3).
 */
final class Problems {
    private Problems() {
    }

    static Response of(WadoException e, UriInfo uri) {
        return of(e.status(), e.getMessage(), uri);
    }

    static Response of(int status, String message, UriInfo uri) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).header("Warning", warning(message, uri))
                .entity(message + "\n").build();
    }

    static String warning(String text, UriInfo uri) {
        // RFC 7234 warn-text is a quoted string: keep it to one line without quotes.
        return "299 " + uri.getBaseUri().getHost() + " \"" + text.replace('"', '\'').replace('\n', ' ') + "\"";
    }

    /** The DICOMweb root this request came through, e.g. {@code http://host:8083/dicomweb}. */
    static String dicomwebBase(UriInfo uri) {
        return uri.getBaseUri().toString().replaceAll("/+$", "") + "/dicomweb";
    }
}
