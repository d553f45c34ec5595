package dev.cloudpacs.retrieve.service.wado;

/**
 * A WADO request that cannot be answered as asked: the HTTP status to reply with and a one-line reason
 * for the client (never a stack trace).
 */
public class WadoException extends Exception {
    private final int status;

    public WadoException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static WadoException badRequest(String message) {
        return new WadoException(400, message);
    }

    public static WadoException notFound(String message) {
        return new WadoException(404, message);
    }

    public static WadoException notAcceptable(String message) {
        return new WadoException(406, message);
    }
}
