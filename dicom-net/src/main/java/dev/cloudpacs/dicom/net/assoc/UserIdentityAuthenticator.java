package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.pdu.UserInformation;

/**
 * Checks the User Identity negotiation sub-item (PS3.7 Annex D.3.3.7): username, username and
 * passcode, Kerberos, SAML or JWT.
 */
@FunctionalInterface
public interface UserIdentityAuthenticator {
    /** Thrown to reject the association. */
    class Rejected extends Exception {
        public Rejected(String message) {
            super(message);
        }
    }

    /**
     * Authenticates; returns the server response to send when the requestor asked for a positive
     * response (may be empty), or throws {@link Rejected}.
     *
     * @param identity the sub-item, or null when the requestor sent none
     */
    byte[] authenticate(UserInformation.UserIdentityRq identity, String callingAeTitle) throws Rejected;

    /**
     * As {@link #authenticate(UserInformation.UserIdentityRq, String)}, with the association being
     * negotiated (null outside a server), for an acceptor that keeps who was authenticated with it.
     */
    default byte[] authenticate(UserInformation.UserIdentityRq identity, String callingAeTitle, Association association)
            throws Rejected {
        return authenticate(identity, callingAeTitle);
    }

    /** Accepts everyone (no identity required). */
    UserIdentityAuthenticator ANYONE = (identity, calling) -> new byte[0];
}
