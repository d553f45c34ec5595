package dev.cloudpacs.dicom.net.dul;

import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.pdu.PduException;

/**
 * One occurrence of an Upper Layer {@link Event} with what its actions need: one type per event of
 * PS3.8 Table 9-10, so the state machine never has to guess what came with an event.
 */
public sealed interface Occurrence {
    /** The event, the row of the state table. */
    Event event();

    /** Evt1: the local user asks for an association (the transport is then connected). */
    record AssociateRequested(AAssociateRq rq) implements Occurrence {
        public Event event() {
            return Event.EVT1;
        }
    }

    /** Evt2: the transport connection is up; the A-ASSOCIATE-RQ to send. */
    record TransportConnected(AAssociateRq rq) implements Occurrence {
        public Event event() {
            return Event.EVT2;
        }
    }

    /** Evt3: an A-ASSOCIATE-AC arrived. */
    record AcceptReceived(AAssociateAc ac) implements Occurrence {
        public Event event() {
            return Event.EVT3;
        }
    }

    /** Evt4: an A-ASSOCIATE-RJ arrived. */
    record RejectReceived(AAssociateRj rj) implements Occurrence {
        public Event event() {
            return Event.EVT4;
        }
    }

    /** Evt5: a transport connection arrived (acceptor). */
    record TransportIndication() implements Occurrence {
        public Event event() {
            return Event.EVT5;
        }
    }

    /** Evt6: an A-ASSOCIATE-RQ arrived. */
    record RequestReceived(AAssociateRq rq) implements Occurrence {
        public Event event() {
            return Event.EVT6;
        }
    }

    /** Evt7: the local user accepts; the A-ASSOCIATE-AC to send. */
    record Accept(AAssociateAc ac) implements Occurrence {
        public Event event() {
            return Event.EVT7;
        }
    }

    /** Evt8: the local user rejects; the A-ASSOCIATE-RJ to send. */
    record Reject(AAssociateRj rj) implements Occurrence {
        public Event event() {
            return Event.EVT8;
        }
    }

    /** Evt9: P-DATA request; {@code flush} false lets the PDUs wait in the send buffer for the next ones. */
    record PData(UpperLayer.PDataWriter writer, boolean flush) implements Occurrence {
        public Event event() {
            return Event.EVT9;
        }
    }

    /** Evt10: a P-DATA-TF arrived. */
    record PDataReceived(PDataTf pdu) implements Occurrence {
        public Event event() {
            return Event.EVT10;
        }
    }

    /** Evt11: the local user asks for release. */
    record ReleaseRequest() implements Occurrence {
        public Event event() {
            return Event.EVT11;
        }
    }

    /** Evt12: an A-RELEASE-RQ arrived. */
    record ReleaseRequestReceived() implements Occurrence {
        public Event event() {
            return Event.EVT12;
        }
    }

    /** Evt13: an A-RELEASE-RP arrived. */
    record ReleaseResponseReceived() implements Occurrence {
        public Event event() {
            return Event.EVT13;
        }
    }

    /** Evt14: the local user answers a release. */
    record ReleaseResponse() implements Occurrence {
        public Event event() {
            return Event.EVT14;
        }
    }

    /** Evt15: a local abort (service user, or the provider for a local reason); the A-ABORT to send. */
    record Abort(AAbort abort) implements Occurrence {
        public Event event() {
            return Event.EVT15;
        }
    }

    /** Evt16: an A-ABORT arrived. */
    record AbortReceived(AAbort abort) implements Occurrence {
        public Event event() {
            return Event.EVT16;
        }
    }

    /** Evt17: the transport connection closed. */
    record TransportClosed() implements Occurrence {
        public Event event() {
            return Event.EVT17;
        }
    }

    /** Evt18: the ARTIM timer expired. */
    record ArtimExpired() implements Occurrence {
        public Event event() {
            return Event.EVT18;
        }
    }

    /** Evt19: what arrived is not a valid PDU. */
    record InvalidPdu(PduException error) implements Occurrence {
        public Event event() {
            return Event.EVT19;
        }
    }
}
