package dev.cloudpacs.dicom.net.dul;

/**
 * The DICOM Upper Layer actions, PS3.8 Tables 9-6 to 9-9, each with the state it leads to. AE-6 and
 * AR-8 have two possible next states, decided when they run.
 */
public enum Action {
    AE_1("Issue TRANSPORT CONNECT request primitive to local transport service", State.STA4),
    AE_2("Send A-ASSOCIATE-RQ PDU", State.STA5),
    AE_3("Issue A-ASSOCIATE confirmation (accept) primitive", State.STA6),
    AE_4("Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection", State.STA1),
    AE_5("Issue transport connection response primitive; start ARTIM timer", State.STA2),
    AE_6("Stop ARTIM timer; if A-ASSOCIATE-RQ acceptable by service-provider issue A-ASSOCIATE indication"
            + " (Sta3), otherwise send A-ASSOCIATE-RJ PDU and start ARTIM timer (Sta13)", null),
    AE_7("Send A-ASSOCIATE-AC PDU", State.STA6),
    AE_8("Send A-ASSOCIATE-RJ PDU and start ARTIM timer", State.STA13),
    DT_1("Send P-DATA-TF PDU", State.STA6),
    DT_2("Send P-DATA indication primitive", State.STA6),
    AR_1("Send A-RELEASE-RQ PDU", State.STA7),
    AR_2("Issue A-RELEASE indication primitive", State.STA8),
    AR_3("Issue A-RELEASE confirmation primitive and close transport connection", State.STA1),
    AR_4("Issue A-RELEASE-RP PDU and start ARTIM timer", State.STA13),
    AR_5("Stop ARTIM timer", State.STA1),
    AR_6("Issue P-DATA indication", State.STA7),
    AR_7("Issue P-DATA-TF PDU", State.STA8),
    AR_8("Issue A-RELEASE indication (release collision): requestor Sta9, acceptor Sta10", null),
    AR_9("Send A-RELEASE-RP PDU", State.STA11),
    AR_10("Issue A-RELEASE confirmation primitive", State.STA12),
    AA_1("Send A-ABORT PDU and start (or restart) ARTIM timer", State.STA13),
    AA_2("Stop ARTIM timer if running; close transport connection", State.STA1),
    AA_3("Issue A-ABORT (service-user initiated) or A-P-ABORT (service-provider initiated) indication and"
            + " close transport connection", State.STA1),
    AA_4("Issue A-P-ABORT indication primitive", State.STA1),
    AA_5("Stop ARTIM timer", State.STA1),
    AA_6("Ignore PDU", State.STA13),
    AA_7("Send A-ABORT PDU", State.STA13),
    AA_8("Send A-ABORT PDU (service-provider source), issue A-P-ABORT indication, start ARTIM timer", State.STA13);

    private final String description;
    private final State next;

    Action(String description, State next) {
        this.description = description;
        this.next = next;
    }

    public String description() {
        return description;
    }

    /** The fixed next state, or null for AE-6 and AR-8 whose next state depends on a condition. */
    public State next() {
        return next;
    }

    /** "AE-1" style name as the standard writes it. */
    public String label() {
        return name().replace('_', '-');
    }

    @Override
    public String toString() {
        return label();
    }
}
