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
    private java.util.function.BiPredicate<String, java.net.InetAddress> callingAllowed = (calling, from) -> true;
    private int maxAssociations;
    private List<String> preference = DEFAULT_PREFERENCE;
    private Predicate<String> storeAsIs = sopClass -> false;
    private UserIdentityAuthenticator authenticator = UserIdentityAuthenticator.ANYONE;
    private java.util.function.BiFunction<String, byte[], byte[]> extendedNegotiation = (cuid, info) -> null;
    private final AtomicInteger open = new AtomicInteger();
    private int maxPerCallingAe;
    private int maxPerAddress;
    private int reserve;
    private final java.util.Map<String, Integer> openByAe = new java.util.HashMap<>();
    private final java.util.Map<java.net.InetAddress, Integer> openByAddress = new java.util.HashMap<>();

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
        this.callingAllowed = (calling, from) -> allowed.test(calling);
        return this;
    }

    /** Which calling AE titles may associate from which peer address (e.g. only from their registered host). */
    public DefaultAcceptorPolicy callingAllowedFrom(java.util.function.BiPredicate<String, java.net.InetAddress> allowed) {
        this.callingAllowed = allowed;
        return this;
    }

    /** Most associations open at once (0 = unlimited). */
    public DefaultAcceptorPolicy maxAssociations(int max) {
        this.maxAssociations = max;
        return this;
    }

    /**
     * Fair shares of {@link #maxAssociations}: at most {@code perCallingAe} associations of one calling
     * AE title and {@code perAddress} from one peer address (0 = no such limit; refused as
     * rejected-transient, local-limit-exceeded), and the last {@code reserve} slots kept for calling AE
     * titles that hold none yet (refused as temporary congestion), so a few busy or idle peers cannot lock a
     * new one out.
     */
    public DefaultAcceptorPolicy shares(int perCallingAe, int perAddress, int reserve) {
        this.maxPerCallingAe = perCallingAe;
        this.maxPerAddress = perAddress;
        this.reserve = reserve;
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
        // PS3.5 6.2 (AE): leading and trailing spaces are not significant and a value of all spaces
        // is not allowed, so a blank title names nobody.
        if (isBlank(rq.calledAeTitle()) || !aeTitles.isEmpty() && !aeTitles.contains(rq.calledAeTitle())) {
            return Decision.reject(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED);
        }
        if (isBlank(rq.callingAeTitle())
                || !callingAllowed.test(rq.callingAeTitle(), association == null ? null : association.remoteHost())) {
            return Decision.reject(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED);
        }
        UserInformation.UserIdentityAc identityAc = null;
        try {
            UserInformation.UserIdentityRq identity = rq.userInformation().userIdentityRq();
            byte[] response = authenticator.authenticate(identity, rq.callingAeTitle(), association);
            if (identity != null && identity.positiveResponseRequested()) {
                identityAc = new UserInformation.UserIdentityAc(response == null ? new byte[0] : response);
            }
        } catch (UserIdentityAuthenticator.Rejected e) {
            return Decision.reject(AAssociateRj.USER_NO_REASON_GIVEN);
        }
        AAssociateRj limit = take(rq.callingAeTitle(), association == null ? null : association.remoteHost());
        if (limit != null) {
            return Decision.reject(limit);
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

    private static boolean isBlank(String aeTitle) {
        return aeTitle == null || aeTitle.isBlank();
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

    /**
     * Takes a slot for an association from {@code ae} at {@code from}, or says which limit is reached
     * (PS3.8 Table 9-21: the service-provider's presentation-related, transient reasons).
     */
    private synchronized AAssociateRj take(String ae, java.net.InetAddress from) {
        int byAe = openByAe.getOrDefault(ae, 0);
        int byAddress = from == null ? 0 : openByAddress.getOrDefault(from, 0);
        if (maxPerCallingAe > 0 && byAe >= maxPerCallingAe || maxPerAddress > 0 && byAddress >= maxPerAddress) {
            return AAssociateRj.LOCAL_LIMIT_EXCEEDED;
        }
        if (maxAssociations > 0) {
            int o = open.get();
            boolean newcomer = byAe == 0; // spoofed titles from one host are bounded by perAddress
            if (o >= maxAssociations || o >= maxAssociations - reserve && !newcomer) {
                return AAssociateRj.TEMPORARY_CONGESTION;
            }
        }
        open.incrementAndGet();
        openByAe.merge(ae, 1, Integer::sum);
        if (from != null) {
            openByAddress.merge(from, 1, Integer::sum);
        }
        return null;
    }

    @Override
    public synchronized void closed(Association association) {
        if (association.associateAccept() != null) {
            open.decrementAndGet();
            openByAe.computeIfPresent(association.callingAeTitle(), (k, n) -> n <= 1 ? null : n - 1);
            java.net.InetAddress from = association.remoteHost();
            if (from != null) {
                openByAddress.computeIfPresent(from, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
