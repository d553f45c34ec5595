/**
 * DIMSE (PS3.7): command fields, the command set tables of PS3.7 sections 9.3 and 10.3, a typed
 * {@link dev.cloudpacs.dicom.net.dimse.Command} view with factories and an Implicit VR Little Endian
 * codec ({@link dev.cloudpacs.dicom.net.dimse.Commands}), status codes (PS3.7 Annex C and the
 * service class annexes of PS3.4) and the SOP class to service class mapping.
 *
 * <p>Pure data and encoding: nothing here touches a socket or an association.
 */
package dev.cloudpacs.dicom.net.dimse;
