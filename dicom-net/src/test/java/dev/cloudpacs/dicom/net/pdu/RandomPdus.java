package dev.cloudpacs.dicom.net.pdu;

import dev.cloudpacs.dicom.net.pdu.UserInformation.AsyncOperationsWindow;
import dev.cloudpacs.dicom.net.pdu.UserInformation.CommonExtendedNegotiation;
import dev.cloudpacs.dicom.net.pdu.UserInformation.ExtendedNegotiation;
import dev.cloudpacs.dicom.net.pdu.UserInformation.RoleSelection;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityAc;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityRq;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid PDUs covering every type, item and sub-item, for round-trip and mutation tests. */
final class RandomPdus {
    private final Random rnd;

    RandomPdus(Random rnd) {
        this.rnd = rnd;
    }

    Pdu any() {
        return switch (rnd.nextInt(9)) {
            case 0, 1 -> rq();
            case 2, 3 -> ac();
            case 4 -> new AAssociateRj(rnd.nextBoolean() ? AAssociateRj.Result.REJECTED_PERMANENT
                    : AAssociateRj.Result.REJECTED_TRANSIENT, AAssociateRj.Source.values()[rnd.nextInt(3)],
                    rnd.nextInt(256));
            case 5, 6 -> pData();
            case 7 -> rnd.nextBoolean() ? AReleaseRq.INSTANCE : AReleaseRp.INSTANCE;
            default -> new AAbort(rnd.nextInt(256), rnd.nextInt(256));
        };
    }

    AAssociateRq rq() {
        List<PresentationContextRq> pcs = new ArrayList<>();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            List<String> ts = new ArrayList<>();
            int m = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(4);
            for (int j = 0; j < m; j++) {
                ts.add(uid());
            }
            pcs.add(new PresentationContextRq(rnd.nextInt(256), uid(), ts));
        }
        return new AAssociateRq(rnd.nextInt(0x10000), ae(), ae(), uid(), pcs, userInformation(false));
    }

    AAssociateAc ac() {
        List<PresentationContextAc> pcs = new ArrayList<>();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            PresentationContextAc.Result result = PresentationContextAc.Result.values()[rnd.nextInt(5)];
            String ts = result == PresentationContextAc.Result.ACCEPTANCE ? nonEmptyUid()
                    : rnd.nextBoolean() ? null : uid();
            pcs.add(new PresentationContextAc(rnd.nextInt(256), result, ts));
        }
        return new AAssociateAc(rnd.nextInt(0x10000), ae(), ae(), uid(), pcs, userInformation(true));
    }

    UserInformation userInformation(boolean ac) {
        UserInformation ui = UserInformation.EMPTY.withMaxPduLength(rnd.nextInt(4) == 0 ? 0
                : rnd.nextLong(0x1_0000_0000L));
        if (rnd.nextBoolean()) {
            ui = ui.withImplementationClassUid(uid());
        }
        if (rnd.nextBoolean()) {
            ui = ui.withImplementationVersionName(text(1 + rnd.nextInt(16)));
        }
        if (rnd.nextInt(3) == 0) {
            ui = ui.withAsyncOperationsWindow(new AsyncOperationsWindow(rnd.nextInt(0x10000), rnd.nextInt(0x10000)));
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            ui = ui.withRoleSelection(new RoleSelection(uid(), rnd.nextBoolean(), rnd.nextBoolean()));
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            ui = ui.withExtendedNegotiation(new ExtendedNegotiation(uid(), bytes(rnd.nextInt(12))));
        }
        if (!ac) {
            for (int i = rnd.nextInt(3); i > 0; i--) {
                List<String> related = new ArrayList<>();
                for (int j = rnd.nextInt(3); j > 0; j--) {
                    related.add(uid());
                }
                ui = ui.withCommonExtendedNegotiation(new CommonExtendedNegotiation(uid(), uid(), related));
            }
            if (rnd.nextInt(3) == 0) {
                ui = ui.withUserIdentityRq(new UserIdentityRq(1 + rnd.nextInt(5), rnd.nextBoolean(),
                        bytes(rnd.nextInt(40)), bytes(rnd.nextInt(3) == 0 ? rnd.nextInt(20) : 0)));
            }
        } else if (rnd.nextInt(3) == 0) {
            ui = ui.withUserIdentityAc(new UserIdentityAc(bytes(rnd.nextInt(40))));
        }
        return ui;
    }

    PDataTf pData() {
        List<Pdv> pdvs = new ArrayList<>();
        for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
            byte[] data = bytes(rnd.nextInt(300));
            int offset = data.length == 0 ? 0 : rnd.nextInt(data.length);
            pdvs.add(new Pdv(rnd.nextInt(256), rnd.nextBoolean(), rnd.nextBoolean(), data, offset,
                    rnd.nextInt(data.length - offset + 1)));
        }
        return new PDataTf(pdvs);
    }

    /** Digits and dots, possibly empty: the decoder strips trailing NUL and space, which a UID never has. */
    String uid() {
        int n = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(64);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(rnd.nextInt(5) == 0 ? '.' : (char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    private String nonEmptyUid() {
        String uid = uid();
        return uid.isEmpty() ? "1.2" : uid;
    }

    /** Up to 16 ISO 646 graphic characters with spaces; the record strips leading and trailing ones. */
    private String ae() {
        StringBuilder sb = new StringBuilder();
        for (int n = rnd.nextInt(17); n > 0; n--) {
            sb.append(rnd.nextInt(6) == 0 ? ' ' : (char) (0x21 + rnd.nextInt(0x7E - 0x21 + 1)));
        }
        return sb.toString();
    }

    private String text(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
