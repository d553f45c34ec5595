package dev.cloudpacs.dicom.net.pdu;

/**
 * Item and sub-item type bytes of the association PDUs: PS3.8 Tables 9-12 to 9-19 (10H-50H),
 * PS3.8 Annex D and PS3.7 Annex D.3.3 (51H-59H).
 */
final class ItemType {
    static final int APPLICATION_CONTEXT = 0x10;
    static final int PRESENTATION_CONTEXT_RQ = 0x20;
    static final int PRESENTATION_CONTEXT_AC = 0x21;
    static final int ABSTRACT_SYNTAX = 0x30;
    static final int TRANSFER_SYNTAX = 0x40;
    static final int USER_INFORMATION = 0x50;
    static final int MAXIMUM_LENGTH = 0x51;
    static final int IMPLEMENTATION_CLASS_UID = 0x52;
    static final int ASYNC_OPERATIONS_WINDOW = 0x53;
    static final int ROLE_SELECTION = 0x54;
    static final int IMPLEMENTATION_VERSION_NAME = 0x55;
    static final int EXTENDED_NEGOTIATION = 0x56;
    static final int COMMON_EXTENDED_NEGOTIATION = 0x57;
    static final int USER_IDENTITY_RQ = 0x58;
    static final int USER_IDENTITY_AC = 0x59;

    private ItemType() {
    }

    /** True for every type this package knows, whatever the level it belongs to. */
    static boolean known(int type) {
        return switch (type) {
            case 0x10, 0x20, 0x21, 0x30, 0x40, 0x50 -> true;
            default -> type >= MAXIMUM_LENGTH && type <= USER_IDENTITY_AC;
        };
    }

    /** The standard's name for messages, e.g. {@code "Presentation Context item (20H)"}. */
    static String name(int type) {
        String name = switch (type) {
            case APPLICATION_CONTEXT -> "Application Context item";
            case PRESENTATION_CONTEXT_RQ -> "Presentation Context item";
            case PRESENTATION_CONTEXT_AC -> "Presentation Context item (AC)";
            case ABSTRACT_SYNTAX -> "Abstract Syntax sub-item";
            case TRANSFER_SYNTAX -> "Transfer Syntax sub-item";
            case USER_INFORMATION -> "User Information item";
            case MAXIMUM_LENGTH -> "Maximum Length sub-item";
            case IMPLEMENTATION_CLASS_UID -> "Implementation Class UID sub-item";
            case ASYNC_OPERATIONS_WINDOW -> "Asynchronous Operations Window sub-item";
            case ROLE_SELECTION -> "SCP/SCU Role Selection sub-item";
            case IMPLEMENTATION_VERSION_NAME -> "Implementation Version Name sub-item";
            case EXTENDED_NEGOTIATION -> "SOP Class Extended Negotiation sub-item";
            case COMMON_EXTENDED_NEGOTIATION -> "SOP Class Common Extended Negotiation sub-item";
            case USER_IDENTITY_RQ -> "User Identity sub-item (RQ)";
            case USER_IDENTITY_AC -> "User Identity sub-item (AC)";
            default -> "item";
        };
        return name + String.format(" (%02XH)", type);
    }
}
