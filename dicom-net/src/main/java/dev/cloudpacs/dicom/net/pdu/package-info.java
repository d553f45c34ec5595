/**
 * DICOM Upper Layer protocol data units (PS3.8 section 9.3) and the user information sub-items
 * of PS3.8 Annex D and PS3.7 Annex D.3.3, as immutable records plus a pure byte codec.
 *
 * <p>{@link dev.cloudpacs.dicom.net.pdu.PduCodec} turns a {@link dev.cloudpacs.dicom.net.pdu.Pdu}
 * into bytes and back; {@link dev.cloudpacs.dicom.net.pdu.PduReader} frames PDUs off a stream.
 * Nothing here opens sockets or keeps association state: the association layer drives the
 * state machine and decides what to do with a {@link dev.cloudpacs.dicom.net.pdu.PduException}
 * (normally send the A-ABORT it names).
 *
 * <p>Decoding policy, in one place:
 * <ul>
 *   <li>Lengths are big-endian and every length is checked against the enclosing PDU or item
 *       before it is used; a violation is a {@code PduException} with
 *       {@link dev.cloudpacs.dicom.net.pdu.AbortReason#INVALID_PDU_PARAMETER_VALUE}.</li>
 *   <li>Reserved fields are written as zero and never tested (PS3.8 9.3.1).</li>
 *   <li>Unknown item and sub-item types are skipped; a known item in a place where it must not
 *       be (an A-ASSOCIATE-AC presentation context in a request, a user identity response in a
 *       request, a second application context ...) is
 *       {@link dev.cloudpacs.dicom.net.pdu.AbortReason#UNEXPECTED_PDU_PARAMETER}.</li>
 *   <li>An unknown PDU type is {@link dev.cloudpacs.dicom.net.pdu.AbortReason#UNRECOGNIZED_PDU}.
 *       Since PS3.8 asks receivers to skip unknown items, no decoding path needs
 *       {@link dev.cloudpacs.dicom.net.pdu.AbortReason#UNRECOGNIZED_PDU_PARAMETER}.</li>
 *   <li>A missing user information item or maximum length sub-item is tolerated and read as
 *       maximum length 0 (unlimited), because refusing an association over it helps nobody;
 *       the encoder always writes both, as the standard requires.</li>
 * </ul>
 */
package dev.cloudpacs.dicom.net.pdu;
