package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;

/** Decides, on the acceptor side, whether and how an A-ASSOCIATE-RQ is accepted. */
public interface AcceptorPolicy {
    /** Exactly one of accept and reject is set. */
    record Decision(AAssociateAc accept, AAssociateRj reject) {
        public static Decision accept(AAssociateAc ac) {
            return new Decision(ac, null);
        }

        public static Decision reject(AAssociateRj rj) {
            return new Decision(null, rj);
        }
    }

    Decision negotiate(AAssociateRq rq, Association association);

    /** Called once when an association negotiated by this policy is closed (accepted or not). */
    default void closed(Association association) {
    }
}
