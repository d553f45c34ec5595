package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.Implementation;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.PresentationContextRq;
import dev.cloudpacs.dicom.net.pdu.UserInformation;

import java.util.ArrayList;
import java.util.List;

/** What a requestor proposes: AE titles, presentation contexts, roles and user identity. */
public final class AssociationRequest {
    private final String callingAeTitle;
    private final String calledAeTitle;
    private final List<PresentationContextRq> contexts = new ArrayList<>();
    private final List<UserInformation.RoleSelection> roles = new ArrayList<>();
    private final List<UserInformation.ExtendedNegotiation> extended = new ArrayList<>();
    private UserInformation.UserIdentityRq identity;

    public AssociationRequest(String callingAeTitle, String calledAeTitle) {
        this.callingAeTitle = callingAeTitle;
        this.calledAeTitle = calledAeTitle;
    }

    /**
     * Proposes a presentation context (ids are the odd numbers 1, 3, 5, ... in order, PS3.8 9.3.2.2);
     * returns its id. At most 128 contexts fit.
     */
    public int addContext(String abstractSyntax, List<String> transferSyntaxes) {
        if (contexts.size() >= 128) {
            throw new IllegalStateException("at most 128 presentation contexts can be proposed");
        }
        int id = 2 * contexts.size() + 1;
        contexts.add(new PresentationContextRq(id, abstractSyntax, List.copyOf(transferSyntaxes)));
        return id;
    }

    /** Proposes SCP/SCU role selection for a SOP class (PS3.7 D.3.3.4). */
    public AssociationRequest addRole(String sopClassUid, boolean scu, boolean scp) {
        roles.add(new UserInformation.RoleSelection(sopClassUid, scu, scp));
        return this;
    }

    /** Proposes SOP Class Extended Negotiation (PS3.7 D.3.3.5), e.g. relational queries for C-FIND. */
    public AssociationRequest addExtendedNegotiation(String sopClassUid, byte[] info) {
        extended.add(new UserInformation.ExtendedNegotiation(sopClassUid, info.clone()));
        return this;
    }

    public AssociationRequest userIdentity(UserInformation.UserIdentityRq identity) {
        this.identity = identity;
        return this;
    }

    public List<PresentationContextRq> contexts() {
        return List.copyOf(contexts);
    }

    public String callingAeTitle() {
        return callingAeTitle;
    }

    public String calledAeTitle() {
        return calledAeTitle;
    }

    AAssociateRq toPdu(int maxPduLength) {
        UserInformation ui = UserInformation.of(maxPduLength)
                .withImplementationClassUid(Implementation.CLASS_UID)
                .withImplementationVersionName(Implementation.VERSION_NAME)
                .withUserIdentityRq(identity);
        for (UserInformation.RoleSelection r : roles) {
            ui = ui.withRoleSelection(r);
        }
        for (UserInformation.ExtendedNegotiation e : extended) {
            ui = ui.withExtendedNegotiation(e);
        }
        return new AAssociateRq(1, calledAeTitle, callingAeTitle, DefaultAcceptorPolicy.APPLICATION_CONTEXT,
                List.copyOf(contexts), ui);
    }
}
