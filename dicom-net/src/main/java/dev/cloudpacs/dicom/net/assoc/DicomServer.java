package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dul.UpperLayer;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocket;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listens for associations on one port (plain or TLS) and runs each on its own virtual thread. What is
 * accepted is the {@link AcceptorPolicy}'s decision; what requests do is the {@link HandlerRegistry}'s.
 */
public final class DicomServer implements Closeable {
    private static final Logger LOG = Logger.getLogger(DicomServer.class.getName());

    private final ServerSocket serverSocket;
    private final AssociationOptions options;
    private final HandlerRegistry handlers;
    private final AcceptorPolicy policy;
    private final Consumer<Association> onClose;
    // One platform thread per association: its reads block in the kernel, where a virtual thread's would
    // go through EAGAIN, a park and the poller for every PDU.
    private final ExecutorService threads;
    private final Set<Association> open = ConcurrentHashMap.newKeySet();
    private final ConnectionLimits limits;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private final Thread acceptThread;
    private volatile boolean closing;

    private DicomServer(ServerSocket serverSocket, AssociationOptions options, HandlerRegistry handlers,
                        AcceptorPolicy policy, Consumer<Association> onClose, ConnectionLimits limits) {
        this.serverSocket = serverSocket;
        this.limits = limits;
        this.options = options;
        this.handlers = handlers;
        this.policy = policy;
        this.onClose = onClose;
        this.threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("dicom-association-" + serverSocket.getLocalPort() + "-", 1).factory());
        this.acceptThread = new Thread(this::acceptLoop, "dicom-accept-" + serverSocket.getLocalPort());
        acceptThread.setDaemon(true);
    }

    /**
     * Binds and starts listening.
     *
     * @param bind     address to bind (null = all interfaces)
     * @param port     port (0 = any free port)
     * @param factory  plain or TLS server socket factory ({@link Tls#serverSocketFactory})
     * @param onClose  called once per association after it closed (for the association log), may be null
     */
    public static DicomServer start(InetAddress bind, int port, ServerSocketFactory factory,
                                    AssociationOptions options, HandlerRegistry handlers, AcceptorPolicy policy,
                                    Consumer<Association> onClose) throws IOException {
        return start(bind, port, factory, options, handlers, policy, onClose, ConnectionLimits.NONE);
    }

    /** As {@link #start(InetAddress, int, ServerSocketFactory, AssociationOptions, HandlerRegistry, AcceptorPolicy, Consumer)}, with connection limits. */
    public static DicomServer start(InetAddress bind, int port, ServerSocketFactory factory,
                                    AssociationOptions options, HandlerRegistry handlers, AcceptorPolicy policy,
                                    Consumer<Association> onClose, ConnectionLimits limits) throws IOException {
        ServerSocket ss = (factory == null ? ServerSocketFactory.getDefault() : factory).createServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bind, port), 128);
        DicomServer server = new DicomServer(ss, options, handlers, policy, onClose, limits);
        server.acceptThread.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public boolean isTls() {
        return serverSocket instanceof SSLServerSocket;
    }

    /** TCP connections currently held, associated or not. */
    public int openConnections() {
        return connections.get();
    }

    /** Connections closed on arrival because a {@link ConnectionLimits} bound was reached. */
    public long refusedConnections() {
        return refused.get();
    }

    /** Associations currently open. */
    public int openAssociations() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (SocketException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "accept failed on port " + port(), e);
                }
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed on port " + port(), e);
                continue;
            }
            InetAddress peer = s.getInetAddress();
            if (!admit(peer)) {
                refused.incrementAndGet();
                LOG.log(Level.FINE, "connection from " + peer + " refused: connection limit reached");
                try {
                    s.setSoLinger(true, 0); // reset at once: no TIME_WAIT, no FIN handshake to wait for
                    s.close();
                } catch (IOException ignored) {
                    // gone already
                }
                continue;
            }
            try {
                threads.execute(() -> {
                    try {
                        serve(s);
                    } finally {
                        release(peer);
                    }
                });
            } catch (RuntimeException e) {
                release(peer);
                LOG.log(Level.WARNING, "cannot start a thread for a connection from " + peer, e);
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** Counts the connection in, unless that would pass a limit. */
    private boolean admit(InetAddress peer) {
        if (limits.maxConnections() > 0 && connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            return false;
        } else if (limits.maxConnections() <= 0) {
            connections.incrementAndGet();
        }
        int perPeer = perAddress.merge(peer, 1, Integer::sum);
        if (limits.maxConnectionsPerAddress() > 0 && perPeer > limits.maxConnectionsPerAddress()) {
            release(peer);
            return false;
        }
        return true;
    }

    private void release(InetAddress peer) {
        connections.decrementAndGet();
        perAddress.computeIfPresent(peer, (k, n) -> n <= 1 ? null : n - 1);
    }

    private void serve(Socket socket) {
        Association as = new Association(options, handlers, policy);
        try {
            socket.setTcpNoDelay(true);
            socket.setSendBufferSize(Math.max(socket.getSendBufferSize(), 256 * 1024));
            socket.setReceiveBufferSize(Math.max(socket.getReceiveBufferSize(), 256 * 1024));
            UpperLayer ul = new UpperLayer(socket, false, options.maxPduLength(), options.artimMillis(), as);
            as.attach(ul);
            open.add(as);
            ul.transportIndication();
            ul.readLoop(options.idleTimeoutMillis());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "association from " + socket.getRemoteSocketAddress() + " failed", e);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
        } finally {
            open.remove(as);
            if (onClose != null && as.upperLayer() != null) {
                try {
                    onClose.accept(as);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "association close listener failed", e);
                }
            }
        }
    }

    /**
     * Stops accepting; open associations finish on their own for up to {@code graceMillis}, then are
     * aborted.
     */
    public void shutdown(long graceMillis) {
        closing = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing server socket", e);
        }
        long deadline = System.currentTimeMillis() + graceMillis;
        try {
            for (Association as : open) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                as.awaitClosed(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Association as : open) {
            as.abort("server shutting down");
        }
        threads.shutdown();
    }

    @Override
    public void close() {
        shutdown(0);
    }
}
