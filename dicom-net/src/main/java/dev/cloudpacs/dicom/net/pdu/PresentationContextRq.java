package dev.cloudpacs.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * Presentation Context item of an A-ASSOCIATE-RQ (PS3.8 section 9.3.2.2, Table 9-13, type 20H)
 * with its Abstract Syntax (Table 9-14, 30H) and Transfer Syntax (Table 9-15, 40H) sub-items.
 *
 * <p>The standard wants odd IDs from 1 to 255, unique within the association, and at least one
 * transfer syntax. The record only enforces what the wire can carry (an ID byte); the
 * association layer checks the rest, because the right response to a bad context is to reject
 * that context, not to abort the association.
 *
 * @param id the presentation context ID byte
 * @param abstractSyntax the abstract syntax (SOP class) UID
 * @param transferSyntaxes the proposed transfer syntax UIDs, in order of preference
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {

    /** Validates the ID byte and copies the list. */
    public PresentationContextRq {
        if ((id & ~0xFF) != 0) {
            throw new IllegalArgumentException("presentation context ID is a byte: " + id);
        }
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    /** A presentation context proposing the given transfer syntaxes for an abstract syntax. */
    public static PresentationContextRq of(int id, String abstractSyntax, String... transferSyntaxes) {
        return new PresentationContextRq(id, abstractSyntax, List.of(transferSyntaxes));
    }
}
