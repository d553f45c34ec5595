package dev.cloudpacs.dicom.net.pdu;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random valid PDUs round-trip exactly; random mutations and truncations of encoded PDUs end in
 * a valid PDU or a {@link PduException}, never another exception, within a time bound.
 */
class PduFuzzTest {
    private static final int ROUND_TRIPS = 5000;
    private static final int MUTATIONS = 20000;

    @Test
    void randomValidPdusRoundTrip() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(0x5EED_0001L);
            RandomPdus gen = new RandomPdus(rnd);
            for (int i = 0; i < ROUND_TRIPS; i++) {
                Pdu pdu = gen.any();
                byte[] bytes = PduCodec.encode(pdu);
                assertEquals(bytes.length - 6L, PduCodec.pduLengthUnsigned(bytes, 0));
                Pdu decoded = PduCodec.decode(bytes, 0, bytes.length);
                assertEquals(pdu, decoded, () -> "round trip of " + pdu);
                assertArrayEquals(bytes, PduCodec.encode(decoded));
                // Same PDU inside a larger array: offsets are relative to the PDU start.
                byte[] padded = new byte[bytes.length + 7];
                System.arraycopy(bytes, 0, padded, 3, bytes.length);
                assertEquals(pdu, PduCodec.decode(padded, 3, bytes.length));
            }
        });
    }

    @Test
    void mutationsAndTruncationsEndInAPduOrAPduException() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random rnd = new Random(0x5EED_0002L);
            RandomPdus gen = new RandomPdus(rnd);
            int decoded = 0;
            int refused = 0;
            int[] byReason = new int[7];
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] good = PduCodec.encode(gen.any());
                byte[] bad = mutate(good, rnd);
                int pre = rnd.nextInt(4);
                byte[] framed = new byte[pre + bad.length + rnd.nextInt(4)];
                System.arraycopy(bad, 0, framed, pre, bad.length);
                try {
                    Pdu pdu = PduCodec.decode(framed, pre, bad.length);
                    decoded++;
                    // Whatever decodes must encode again and decode to the same value.
                    assertEquals(pdu, PduCodec.decode(PduCodec.encode(pdu)), () -> Hex.dump(bad));
                } catch (PduException e) {
                    refused++;
                    byReason[e.abortReason().code()]++;
                } catch (RuntimeException e) {
                    throw new AssertionError("unexpected " + e + " for\n" + Hex.dump(bad), e);
                }
                readThroughReader(bad);
            }
            System.out.printf("pdu fuzz: %d mutated PDUs decoded, %d refused (by abort reason code: %s)%n",
                    decoded, refused, Arrays.toString(byReason));
        });
    }

    private static void readThroughReader(byte[] bad) throws Exception {
        PduReader reader = new PduReader(new ByteArrayInputStream(bad), 1 << 16);
        try {
            while (reader.read() != null) {
                // keep framing: a mutation may leave several PDUs or a PDU plus garbage
            }
        } catch (PduException | EOFException e) {
            // the only acceptable failures
        } catch (RuntimeException e) {
            throw new AssertionError("reader: unexpected " + e + " for\n" + Hex.dump(bad), e);
        }
    }

    /** One to four edits; most of the time the PDU length is then repaired so the body gets parsed. */
    static byte[] mutate(byte[] good, Random rnd) {
        byte[] b = good.clone();
        for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
            switch (rnd.nextInt(7)) {
                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 2 -> {
                    // Length-like boundary values at a random position (item and PDV length fields).
                    int pos = rnd.nextInt(b.length);
                    int[] values = {0x00, 0x01, 0x7F, 0x80, 0xFF};
                    for (int k = 0; k < 1 + rnd.nextInt(4) && pos + k < b.length; k++) {
                        b[pos + k] = (byte) values[rnd.nextInt(values.length)];
                    }
                }
                case 3 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 4 -> {
                    int from = rnd.nextInt(b.length + 1);
                    int to = from + rnd.nextInt(b.length - from + 1);
                    byte[] cut = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, cut, 0, from);
                    System.arraycopy(b, to, cut, from, b.length - to);
                    b = cut;
                }
                case 5 -> {
                    int at = rnd.nextInt(b.length + 1);
                    byte[] ins = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(ins);
                    byte[] grown = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, grown, 0, at);
                    System.arraycopy(ins, 0, grown, at, ins.length);
                    System.arraycopy(b, at, grown, at + ins.length, b.length - at);
                    b = grown;
                }
                default -> {
                    if (b.length > 0) {
                        b[0] = (byte) rnd.nextInt(9); // PDU type, sometimes undefined
                    }
                }
            }
            if (b.length == 0) {
                return b;
            }
        }
        if (b.length >= 6 && rnd.nextInt(5) != 0) {
            PduCodec.putU32(b, 2, b.length - 6L);
        }
        return b;
    }
}
