package dev.cloudpacs.dicom.net.assoc;

/**
 * Timeouts and limits of an association (either side).
 *
 * @param maxPduLength        largest P-DATA-TF variable field we accept (our Maximum Length)
 * @param connectTimeoutMillis TCP connect timeout (requestor)
 * @param artimMillis         ARTIM: waiting for A-ASSOCIATE-RQ (acceptor), for A-ASSOCIATE-AC/RJ
 *                            (requestor) and for the transport to close after release or abort
 * @param dimseTimeoutMillis  waiting for a DIMSE response (0 = forever)
 * @param idleTimeoutMillis   abort when nothing arrives for this long (0 = never)
 * @param maxBufferedDataSet  largest data set held in memory when no streaming sink is used
 */
public record AssociationOptions(int maxPduLength, int connectTimeoutMillis, long artimMillis, long dimseTimeoutMillis,
                                 long idleTimeoutMillis, int maxBufferedDataSet) {

    public static final AssociationOptions DEFAULT =
            new AssociationOptions(116_794, 10_000, 30_000, 60_000, 300_000, 64 << 20);

    public AssociationOptions withMaxPduLength(int v) {
        return new AssociationOptions(v, connectTimeoutMillis, artimMillis, dimseTimeoutMillis, idleTimeoutMillis,
                maxBufferedDataSet);
    }

    public AssociationOptions withConnectTimeout(int millis) {
        return new AssociationOptions(maxPduLength, millis, artimMillis, dimseTimeoutMillis, idleTimeoutMillis,
                maxBufferedDataSet);
    }

    public AssociationOptions withArtim(long millis) {
        return new AssociationOptions(maxPduLength, connectTimeoutMillis, millis, dimseTimeoutMillis, idleTimeoutMillis,
                maxBufferedDataSet);
    }

    public AssociationOptions withDimseTimeout(long millis) {
        return new AssociationOptions(maxPduLength, connectTimeoutMillis, artimMillis, millis, idleTimeoutMillis,
                maxBufferedDataSet);
    }

    public AssociationOptions withIdleTimeout(long millis) {
        return new AssociationOptions(maxPduLength, connectTimeoutMillis, artimMillis, dimseTimeoutMillis, millis,
                maxBufferedDataSet);
    }
}
