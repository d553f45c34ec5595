/**
 * DICOM network toolkit: upper layer PDUs (PS3.8 section 9.3), the DICOM Upper Layer state machine
 * (PS3.8 section 9.2), association negotiation, DIMSE messages (PS3.7) and TLS (PS3.15 Annex B).
 * Depends on dicom-core only; knows nothing of application frameworks.
 */
package dev.cloudpacs.dicom.net;
