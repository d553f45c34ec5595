package dev.cloudpacs.dicom.net.assoc;

/**
 * Bounds on TCP connections a {@link DicomServer} holds, associated or not (0 = unlimited). A connection
 * over a limit is closed as soon as it is accepted, before any thread or buffer is spent on it: a peer
 * that opens connections and never sends an A-ASSOCIATE-RQ (each would otherwise hold a thread until
 * the ARTIM timer ends it) cannot starve everybody else.
 *
 * @param maxConnections           connections open at once, in total
 * @param maxConnectionsPerAddress connections open at once from one peer IP address
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress) {
    /** No limits. */
    public static final ConnectionLimits NONE = new ConnectionLimits(0, 0);
}
