package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dul.UpperLayer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens associations as the requestor. */
public final class Connector {
    private Connector() {
    }

    /**
     * Connects, negotiates and returns the established association; failures come as an
     * {@link AssociationException} whose kind and message say what went wrong.
     *
     * @param factory  plain ({@code null}) or TLS socket factory ({@link Tls#socketFactory})
     * @param handlers serves requests the peer sends us on this association (C-STORE during C-GET,
     *                 N-EVENT-REPORT), may be null
     */
    public static Association connect(String host, int port, AssociationRequest request, AssociationOptions options,
                                      SocketFactory factory, HandlerRegistry handlers) throws AssociationException {
        Socket socket = open(host, port, options, factory);
        Association as = new Association(options, handlers, null);
        UpperLayer ul;
        try {
            ul = new UpperLayer(socket, true, options.maxPduLength(), options.artimMillis(), as);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new AssociationException(AssociationException.Kind.IO, "cannot use the connection: " + e.getMessage(), e);
        }
        as.attach(ul);
        var rq = request.toPdu(options.maxPduLength());
        as.rememberProposal(rq);
        Thread reader = Thread.ofPlatform().daemon().name("dicom-reader-" + host + ":" + port).unstarted(
                () -> ul.readLoop(options.idleTimeoutMillis()));
        try {
            ul.associateRequest(rq);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw new AssociationException(AssociationException.Kind.IO, "cannot send A-ASSOCIATE-RQ: " + e.getMessage(), e);
        }
        reader.start();
        try {
            as.established().get(options.artimMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            as.abort("no answer to A-ASSOCIATE-RQ");
            throw new AssociationException(AssociationException.Kind.TIMEOUT, "no answer to the association request"
                    + " within " + options.artimMillis() / 1000 + " s from " + host + ":" + port
                    + " (is it a DICOM port? is TLS expected there?)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssociationException ae) {
                throw withTlsHint(ae, factory);
            }
            throw new AssociationException(AssociationException.Kind.IO, String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            as.abort("interrupted");
            throw new AssociationException(AssociationException.Kind.IO, "interrupted while associating");
        }
        if (as.contexts().isEmpty()) {
            String detail = as.associateAccept().presentationContexts().stream()
                    .map(pc -> "context " + pc.id() + ": " + pc.result().standardName())
                    .reduce((a, b) -> a + "; " + b).orElse("none proposed");
            try {
                as.release();
            } catch (IOException ignored) {
                // the association is useless anyway
            }
            throw new AssociationException(AssociationException.Kind.NO_PRESENTATION_CONTEXT,
                    "association accepted but no presentation context was accepted (" + detail + ")");
        }
        return as;
    }

    private static AssociationException withTlsHint(AssociationException ae, SocketFactory factory) {
        if (ae.kind() == AssociationException.Kind.CLOSED_DURING_NEGOTIATION && factory != null) {
            // The handshake itself passed (TLS 1.3 checks the client's certificate after it), so the
            // usual cause is the server refusing our certificate or the lack of one.
            return new AssociationException(AssociationException.Kind.TLS, ae.getMessage() + " (over TLS: does the"
                    + " server require a client certificate we did not send, or not trust ours?)", ae);
        }
        return ae;
    }

    private static Socket open(String host, int port, AssociationOptions options, SocketFactory factory)
            throws AssociationException {
        Socket socket = null;
        String where = host + ":" + port;
        try {
            socket = (factory == null ? SocketFactory.getDefault() : factory).createSocket();
            socket.setTcpNoDelay(true);
            socket.setSendBufferSize(Math.max(socket.getSendBufferSize(), 256 * 1024));
            socket.setReceiveBufferSize(Math.max(socket.getReceiveBufferSize(), 256 * 1024));
            socket.connect(new InetSocketAddress(host, port), options.connectTimeoutMillis());
            if (socket instanceof SSLSocket ssl) {
                ssl.setSoTimeout((int) options.artimMillis());
                ssl.startHandshake();
            }
            return socket;
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new AssociationException(AssociationException.Kind.CONNECTION_REFUSED, "unknown host " + host);
        } catch (ConnectException | NoRouteToHostException e) {
            closeQuietly(socket);
            throw new AssociationException(AssociationException.Kind.CONNECTION_REFUSED, "connection to " + where
                    + " refused: nothing is listening there, or a firewall blocks it (check host, port and that the"
                    + " server is running)");
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new AssociationException(AssociationException.Kind.TIMEOUT, "no TCP connection to " + where
                    + " within " + options.connectTimeoutMillis() / 1000 + " s (host down, wrong address, or a"
                    + " firewall dropping packets)");
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new AssociationException(AssociationException.Kind.TLS, "TLS handshake with " + where + " failed: "
                    + e.getMessage() + " (is the port a TLS port? do the certificates match?)", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new AssociationException(AssociationException.Kind.IO, "cannot connect to " + where + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
