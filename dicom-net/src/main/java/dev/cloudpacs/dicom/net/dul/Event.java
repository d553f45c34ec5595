package dev.cloudpacs.dicom.net.dul;

/** The DICOM Upper Layer events, PS3.8 Table 9-10 (section 9.2.2). */
public enum Event {
    EVT1("A-ASSOCIATE request (local user)", Origin.USER),
    EVT2("Transport connect confirmation (local transport service)", Origin.TRANSPORT),
    EVT3("A-ASSOCIATE-AC PDU (received on transport connection)", Origin.PEER),
    EVT4("A-ASSOCIATE-RJ PDU (received on transport connection)", Origin.PEER),
    EVT5("Transport connection indication (local transport service)", Origin.TRANSPORT),
    EVT6("A-ASSOCIATE-RQ PDU (received on transport connection)", Origin.PEER),
    EVT7("A-ASSOCIATE response primitive (accept)", Origin.USER),
    EVT8("A-ASSOCIATE response primitive (reject)", Origin.USER),
    EVT9("P-DATA request primitive", Origin.USER),
    EVT10("P-DATA-TF PDU", Origin.PEER),
    EVT11("A-RELEASE request primitive", Origin.USER),
    EVT12("A-RELEASE-RQ PDU (received on open transport connection)", Origin.PEER),
    EVT13("A-RELEASE-RP PDU (received on transport connection)", Origin.PEER),
    EVT14("A-RELEASE response primitive", Origin.USER),
    EVT15("A-ABORT request primitive", Origin.USER),
    EVT16("A-ABORT PDU (received on open transport connection)", Origin.PEER),
    EVT17("Transport connection closed indication (local transport service)", Origin.TRANSPORT),
    EVT18("ARTIM timer expired (Association reject/release timer)", Origin.TIMER),
    EVT19("Unrecognized or invalid PDU received", Origin.PEER);

    /** Where an event comes from. */
    public enum Origin {
        /** A primitive issued by the local service user. */
        USER,
        /** A PDU (or garbage) from the peer. */
        PEER,
        /** The local transport service. */
        TRANSPORT,
        /** The ARTIM timer. */
        TIMER
    }

    private final String description;
    private final Origin origin;

    Event(String description, Origin origin) {
        this.description = description;
        this.origin = origin;
    }

    public String description() {
        return description;
    }

    public Origin origin() {
        return origin;
    }

    /** "Evt10" style name as the standard writes it. */
    public String label() {
        return "Evt" + (ordinal() + 1);
    }

    @Override
    public String toString() {
        return label() + " (" + description + ")";
    }
}
