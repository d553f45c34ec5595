package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.io.TransferSyntax;

/**
 * An accepted presentation context (PS3.8 section 7.1.1.13): its id, the abstract syntax (SOP class)
 * and the one transfer syntax both sides agreed on.
 */
public record PresentationContext(int id, String abstractSyntax, String transferSyntaxUid) {

    public TransferSyntax transferSyntax() {
        return TransferSyntax.of(transferSyntaxUid);
    }
}
