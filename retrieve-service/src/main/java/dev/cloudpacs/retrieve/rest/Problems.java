package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.retrieve.service.wado.WadoException;
import dev.cloudpacs.common.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Error replies of the WADO resources, in the archive's one error format ({@link Problem}). */
final class Problems {
    private Problems() {
    }

    static Response of(WadoException e, UriInfo uri) {
        return of(e.status(), e.getMessage(), uri);
    }

    static Response of(int status, String message, UriInfo uri) {
        return Problem.of(status, message);
    }

    /** The DICOMweb root this request came through, e.g. {@code http://host:8083/dicomweb}. */
    static String dicomwebBase(UriInfo uri) {
        return uri.getBaseUri().toString().replaceAll("/+$", "") + "/dicomweb";
    }
}
