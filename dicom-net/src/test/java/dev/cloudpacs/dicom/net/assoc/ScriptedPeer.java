package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.AReleaseRp;
import dev.cloudpacs.dicom.net.pdu.AReleaseRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.pdu.Pdu;
import dev.cloudpacs.dicom.net.pdu.PduCodec;
import dev.cloudpacs.dicom.net.pdu.PduException;
import dev.cloudpacs.dicom.net.pdu.PduReader;
import dev.cloudpacs.dicom.net.pdu.Pdv;
import dev.cloudpacs.dicom.net.pdu.PresentationContextAc;
import dev.cloudpacs.dicom.net.pdu.UserInformation;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The other end of a DICOM connection, scripted by a test: writes PDUs built with {@link PduCodec}
 * (or raw bytes) and reads, with a bounded timeout, what the toolkit sends back.
 */
public final class ScriptedPeer implements Closeable {
    /** How long any single read may wait: long enough for a loaded machine, short enough to fail fast. */
    public static final int READ_TIMEOUT_MILLIS = 5_000;

    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LE.uid();
    public static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LE.uid();

    /** Six bytes and a body whose PDU type (55H) does not exist: Evt19, unrecognized-PDU. */
    public static final byte[] UNKNOWN_PDU_TYPE = {0x55, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    /** An A-RELEASE-RQ whose PDU length is 5 instead of 4: Evt19, invalid-PDU-parameter value. */
    public static final byte[] BAD_LENGTH = {0x05, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0};

    private final Socket socket;
    private final PduReader reader;
    private final OutputStream out;

    private ScriptedPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.reader = new PduReader(new BufferedInputStream(socket.getInputStream()), 0);
        this.out = socket.getOutputStream();
    }

    /** Connects to a listening toolkit (we are the requestor's transport). */
    public static ScriptedPeer connect(int port) throws IOException {
        return new ScriptedPeer(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Accepts one connection from the toolkit (we are the acceptor's transport). */
    public static ScriptedPeer accept(ServerSocket server) throws IOException {
        server.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new ScriptedPeer(server.accept());
    }

    public Socket socket() {
        return socket;
    }

    public void send(Pdu pdu) throws IOException {
        sendRaw(PduCodec.encode(pdu));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next PDU, or null when the toolkit closed the connection (orderly or by reset). */
    public Pdu read() throws IOException {
        try {
            return reader.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the toolkit within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (SocketException e) {
            return null; // connection reset: the toolkit closed with our bytes unread
        } catch (PduException e) {
            throw new AssertionError("the toolkit sent an invalid PDU: " + e.getMessage(), e);
        }
    }

    /** Reads the next PDU and checks its type. */
    public <T extends Pdu> T expect(Class<T> type) throws IOException {
        Pdu pdu = read();
        if (pdu == null) {
            fail("expected " + type.getSimpleName() + " but the connection was closed");
        }
        return assertInstanceOf(type, pdu, "next PDU from the toolkit");
    }

    /** Expects an A-ABORT with the given source and reason codes. */
    public AAbort expectAbort(int source, int reason) throws IOException {
        AAbort abort = expect(AAbort.class);
        assertEquals(source, abort.sourceCode(), "A-ABORT source: " + abort.describe());
        assertEquals(reason, abort.reasonCode(), "A-ABORT reason: " + abort.describe());
        return abort;
    }

    /** Expects the toolkit to close the connection without sending anything more. */
    public void expectClosed() throws IOException {
        Pdu pdu = read();
        if (pdu != null) {
            fail("expected the connection to close, got " + pdu);
        }
    }

    /** Reads PDUs until the toolkit closes; returns how many came. */
    public int drainUntilClosed() throws IOException {
        int n = 0;
        while (read() != null) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test cleanup
        }
    }

    // ---- canned PDUs -----------------------------------------------------------------------------

    /** A-ASSOCIATE-RQ: Verification on context 1, CT storage on context 3, our max PDU 16384. */
    public static AAssociateRq rq(String called, String calling) {
        return AAssociateRq.builder().calledAeTitle(called).callingAeTitle(calling)
                .presentationContext(1, VERIFICATION, IMPLICIT)
                .presentationContext(3, UID.CTImageStorage, EXPLICIT, IMPLICIT)
                .userInformation(UserInformation.of(16_384)).build();
    }

    /** An A-ASSOCIATE-AC accepting every context of {@code rq} with its first transfer syntax. */
    public static AAssociateAc ac(AAssociateRq rq, long maxPduLength) {
        List<PresentationContextAc> pcs = rq.presentationContexts().stream()
                .map(pc -> PresentationContextAc.accept(pc.id(), pc.transferSyntaxes().get(0))).toList();
        return AAssociateAc.answering(rq, pcs, UserInformation.of(maxPduLength));
    }

    public static AAssociateAc ac(AAssociateRq rq) {
        return ac(rq, 16_384);
    }

    public static AAssociateRj rj() {
        return AAssociateRj.USER_NO_REASON_GIVEN;
    }

    public static AReleaseRq releaseRq() {
        return AReleaseRq.INSTANCE;
    }

    public static AReleaseRp releaseRp() {
        return AReleaseRp.INSTANCE;
    }

    /** A command as one P-DATA-TF with one PDV (command, last). */
    public static PDataTf command(int contextId, Command cmd) {
        return PDataTf.of(new Pdv(contextId, true, true, Commands.encode(cmd)));
    }

    public static PDataTf echoRq(int contextId, int messageId) {
        return command(contextId, Commands.cEchoRq(messageId));
    }

    /** Reads P-DATA-TF PDUs until a command's last fragment and decodes the command. */
    public Command readCommand() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            PDataTf p = expect(PDataTf.class);
            for (Pdv pdv : p.pdvs()) {
                if (!pdv.command()) {
                    fail("expected command fragments, got " + pdv);
                }
                bytes.write(pdv.data(), pdv.offset(), pdv.length());
                if (pdv.last()) {
                    byte[] b = bytes.toByteArray();
                    return Commands.decode(b, 0, b.length);
                }
            }
        }
    }
}
