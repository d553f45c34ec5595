package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.Implementation;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.PresentationContextAc;
import dev.cloudpacs.dicom.net.pdu.PresentationContextRq;
import dev.cloudpacs.dicom.net.pdu.UserInformation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The acceptor policy most SCPs want, each check switchable: called AE title, calling AE allowlist,
 * maximum concurrent associations, application context, user identity, and presentation context
 * negotiation with a transfer syntax preference order. Each refusal uses the A-ASSOCIATE-RJ result,
 * source and reason PS3.8 Table 9-21 defines for it.
 */
public final class DefaultAcceptorPolicy implements AcceptorPolicy {
    /** The DICOM Application Context Name, PS3.7 Annex A.2.1. */
    public static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    /** Native syntaxes in the order we prefer them (explicit LE first, as PixelMed does). */
    public static final List<String> DEFAULT_PREFERENCE = List.of(TransferSyntax.EXPLICIT_VR_LE.uid(),
            TransferSyntax.IMPLICIT_VR_LE.uid(), TransferSyntax.DEFLATED_EXPLICIT_VR_LE.uid(),
            TransferSyntax.EXPLICIT_VR_BE.uid());

    private final HandlerRegistry handlers;
    private final AssociationOptions options;
    private Set<String> aeTitles = Set.of();
    private Predicate<String> callingAllowed = calling -> true;
    private int maxAssociations;
    private List<String> preference = DEFAULT_PREFERENCE;
    private Predicate<String> storeAsIs = sopClass -> false;
    private UserIdentityAuthenticator authenticator = UserIdentityAuthenticator.ANYONE;
    private java.util.function.BiFunction<String, byte[], byte[]> extendedNegotiation = (cuid, info) -> null;
    private final AtomicInteger open = new AtomicInteger();

    public DefaultAcceptorPolicy(HandlerRegistry handlers, AssociationOptions options) {
        this.handlers = handlers;
        this.options = options;
    }

    /** Called AE titles we answer to; empty accepts any. */
    public DefaultAcceptorPolicy aeTitles(Set<String> titles) {
        this.aeTitles = Set.copyOf(titles);
        return this;
    }

    /** Which calling AE titles may associate (default: all). */
    public DefaultAcceptorPolicy callingAllowed(Predicate<String> allowed) {
        this.callingAllowed = allowed;
        return this;
    }

    /** Most associations open at once (0 = unlimited). */
    public DefaultAcceptorPolicy maxAssociations(int max) {
        this.maxAssociations = max;
        return this;
    }

    /** Preferred transfer syntaxes, most wanted first. */
    public DefaultAcceptorPolicy preference(List<String> transferSyntaxUids) {
        this.preference = List.copyOf(transferSyntaxUids);
        return this;
    }

    /**
     * SOP classes whose objects we keep in whatever known syntax they come in (storage): when none of
     * the preferred native syntaxes is proposed, the first proposed known syntax is accepted.
     */
    public DefaultAcceptorPolicy storeAsIs(Predicate<String> sopClasses) {
        this.storeAsIs = sopClasses;
        return this;
    }

    /**
     * Answers SOP Class Extended Negotiation (PS3.7 D.3.3.5): given a served SOP class and the
     * application information the requestor proposed, the information accepted, or null to leave the
     * item out of the A-ASSOCIATE-AC (which means "none of it"). By default every item is left out.
     */
    public DefaultAcceptorPolicy extendedNegotiation(java.util.function.BiFunction<String, byte[], byte[]> responder) {
        this.extendedNegotiation = responder;
        return this;
    }

    public DefaultAcceptorPolicy authenticator(UserIdentityAuthenticator authenticator) {
        this.authenticator = authenticator;
        return this;
    }

    /** Associations currently open through this policy. */
    public int openAssociations() {
        return open.get();
    }

    @Override
    public Decision negotiate(AAssociateRq rq, Association association) {
        if (!APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            return Decision.reject(AAssociateRj.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
        }
        if (!aeTitles.isEmpty() && !aeTitles.contains(rq.calledAeTitle())) {
            return Decision.reject(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED);
        }
        if (!callingAllowed.test(rq.callingAeTitle())) {
            return Decision.reject(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED);
        }
        UserInformation.UserIdentityAc identityAc = null;
        try {
            UserInformation.UserIdentityRq identity = rq.userInformation().userIdentityRq();
            byte[] response = authenticator.authenticate(identity, rq.callingAeTitle());
            if (identity != null && identity.positiveResponseRequested()) {
                identityAc = new UserInformation.UserIdentityAc(response == null ? new byte[0] : response);
            }
        } catch (UserIdentityAuthenticator.Rejected e) {
            return Decision.reject(AAssociateRj.USER_NO_REASON_GIVEN);
        }
        if (maxAssociations > 0 && open.incrementAndGet() > maxAssociations) {
            open.decrementAndGet();
            return Decision.reject(AAssociateRj.TEMPORARY_CONGESTION);
        } else if (maxAssociations <= 0) {
            open.incrementAndGet();
        }
        List<PresentationContextAc> pcs = new ArrayList<>();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            pcs.add(negotiate(pc));
        }
        List<UserInformation.RoleSelection> roles = new ArrayList<>();
        for (UserInformation.RoleSelection r : rq.userInformation().roleSelections()) {
            // We take whichever roles are proposed for classes we serve (C-GET needs us as storage SCU).
            if (handlers.supports(r.sopClassUid()) || storeAsIs.test(r.sopClassUid())) {
                roles.add(r);
            }
        }
        UserInformation ui = UserInformation.of(options.maxPduLength())
                .withImplementationClassUid(Implementation.CLASS_UID)
                .withImplementationVersionName(Implementation.VERSION_NAME)
                .withUserIdentityAc(identityAc);
        for (UserInformation.RoleSelection r : roles) {
            ui = ui.withRoleSelection(r);
        }
        for (UserInformation.ExtendedNegotiation e : rq.userInformation().extendedNegotiations()) {
            byte[] accepted = handlers.supports(e.sopClassUid()) ? extendedNegotiation.apply(e.sopClassUid(), e.info())
                    : null;
            if (accepted != null) {
                ui = ui.withExtendedNegotiation(new UserInformation.ExtendedNegotiation(e.sopClassUid(), accepted));
            }
        }
        return Decision.accept(new AAssociateAc(rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(),
                APPLICATION_CONTEXT, pcs, ui));
    }

    private PresentationContextAc negotiate(PresentationContextRq pc) {
        String as = pc.abstractSyntax();
        if (!handlers.supports(as)) {
            return new PresentationContextAc(pc.id(), PresentationContextAc.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                    pc.transferSyntaxes().isEmpty() ? TransferSyntax.IMPLICIT_VR_LE.uid() : pc.transferSyntaxes().get(0));
        }
        for (String ts : preference) {
            if (pc.transferSyntaxes().contains(ts)) {
                return new PresentationContextAc(pc.id(), PresentationContextAc.Result.ACCEPTANCE, ts);
            }
        }
        if (storeAsIs.test(as)) {
            for (String ts : pc.transferSyntaxes()) {
                if (TransferSyntax.isKnown(ts)) {
                    return new PresentationContextAc(pc.id(), PresentationContextAc.Result.ACCEPTANCE, ts);
                }
            }
        }
        return new PresentationContextAc(pc.id(), PresentationContextAc.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                pc.transferSyntaxes().isEmpty() ? TransferSyntax.IMPLICIT_VR_LE.uid() : pc.transferSyntaxes().get(0));
    }

    @Override
    public void closed(Association association) {
        if (association.associateAccept() != null) {
            open.decrementAndGet();
        }
    }
}
