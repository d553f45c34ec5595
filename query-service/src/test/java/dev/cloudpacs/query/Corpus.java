package dev.cloudpacs.query;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.service.StoreScu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The known corpus the matching tests query: four patients, five studies (named by accession
 * number A1..A5), seven series and nine instances, with the values each test case relies on. It is
 * stored through the front door like any modality's images.
 */
final class Corpus {
    /** Study Instance UID by accession number; Series Instance UIDs and SOP Instance UIDs by label. */
    final Map<String, String> study = new LinkedHashMap<>();
    final Map<String, String> series = new LinkedHashMap<>();
    final Map<String, String> instance = new LinkedHashMap<>();
    private final List<DataSet> objects = new ArrayList<>();

    Corpus() {
        // patient P001 SMITH^JOHN: A1 (CT with two series incl. an SR) and A2 (MR)
        add("A1", "P001", "SMITH^JOHN", "19600101", "M", "20240115", "101500", "CT CHEST", "CT", "A1-CT", "A1-CT-1",
                UID.CTImageStorage, ds -> ds.setString(Tag.ImageComments, VR.LT, "with contrast"));
        add("A1", "P001", "SMITH^JOHN", "19600101", "M", "20240115", "101500", "CT CHEST", "CT", "A1-CT", "A1-CT-2",
                UID.CTImageStorage, ds -> { });
        add("A1", "P001", "SMITH^JOHN", "19600101", "M", "20240115", "101500", "CT CHEST", "SR", "A1-SR", "A1-SR-1",
                UID.BasicTextSRStorage, ds -> { });
        add("A2", "P001", "SMITH^JOHN", "19600101", "M", "20240220", "093000", "MR KNEE", "MR", "A2-MR", "A2-MR-1",
                UID.MRImageStorage, ds -> { });
        add("A2", "P001", "SMITH^JOHN", "19600101", "M", "20240220", "093000", "MR KNEE", "MR", "A2-MR", "A2-MR-2",
                UID.MRImageStorage, ds -> { });
        // patient P002 Smithson^Anna (mixed case): A3 (CR, last day of 2023)
        add("A3", "P002", "Smithson^Anna", "19851224", "F", "20231231", "235900", "CHEST PA", "CR", "A3-CR", "A3-CR-1",
                UID.ComputedRadiographyImageStorage, ds -> { });
        // patient P003 Müller^Jürgen (Latin-1): A4 (CT) with a procedure code
        add("A4", "P003", "Müller^Jürgen", "19700101", "M", "20240131", "180000", "CT HEAD", "CT", "A4-CT", "A4-CT-1",
                UID.CTImageStorage, ds -> ds.newSequence(Tag.ProcedureCodeSequence, 1).addItem()
                        .setString(Tag.CodeValue, VR.SH, "CT123"));
        // patient P004 DOE^JANE: A5 (US) at another institution
        add("A5", "P004", "DOE^JANE", "19900505", "F", "20240201", "080000", "ABDOMEN", "US", "A5-US", "A5-US-1",
                UID.UltrasoundImageStorage, ds -> ds.setString(Tag.InstitutionName, VR.LO, "General Hospital"));
        add("A5", "P004", "DOE^JANE", "19900505", "F", "20240201", "080000", "ABDOMEN", "US", "A5-US2", "A5-US2-1",
                UID.UltrasoundImageStorage, ds -> { });
    }

    private interface Extra {
        void apply(DataSet ds);
    }

    private void add(String acc, String pid, String name, String birth, String sex, String date, String time,
                     String desc, String modality, String seriesLabel, String label, String cuid, Extra extra) {
        String st = study.computeIfAbsent(acc, k -> UIDs.generate());
        String se = series.computeIfAbsent(seriesLabel, k -> UIDs.generate());
        String iuid = UIDs.generate();
        instance.put(label, iuid);
        DataSet ds = new DataSet();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, VR.UI, cuid);
        ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tag.StudyDate, VR.DA, date);
        ds.setString(Tag.StudyTime, VR.TM, time);
        ds.setString(Tag.AccessionNumber, VR.SH, acc);
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setString(Tag.ReferringPhysicianName, VR.PN, "HOUSE^GREGORY");
        ds.setString(Tag.StudyDescription, VR.LO, desc);
        ds.setString(Tag.PatientName, VR.PN, name);
        ds.setString(Tag.PatientID, VR.LO, pid);
        ds.setString(Tag.PatientBirthDate, VR.DA, birth);
        ds.setString(Tag.PatientSex, VR.CS, sex);
        ds.setString(Tag.StudyInstanceUID, VR.UI, st);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, se);
        ds.setString(Tag.StudyID, VR.SH, "S" + acc);
        ds.setInt(Tag.SeriesNumber, VR.IS, seriesLabel.endsWith("2") ? 2 : 1);
        ds.setInt(Tag.InstanceNumber, VR.IS, Integer.parseInt(label.substring(label.length() - 1)));
        extra.apply(ds);
        objects.add(ds);
    }

    /** Stores every object through the front door with our storage SCU. */
    void store(Path dir, int port) throws Exception {
        store(dir, port, "PACS");
    }

    /** Stores every object to a storage SCP with our storage SCU. */
    void store(Path dir, int port, String calledAe) throws Exception {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (DataSet ds : objects) {
            Path f = dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
            DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
            files.add(f);
        }
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        AssociationRequest rq = new AssociationRequest("MODALITY", calledAe);
        StoreScu.proposeContexts(rq, items);
        Association as = Connector.connect("127.0.0.1", port, rq, AssociationOptions.DEFAULT, null, null);
        try {
            for (StoreScu.Item item : items) {
                StoreScu.Result r = StoreScu.send(as, item, 0, null, 0);
                if (r.status() != 0) {
                    throw new IOException("storing " + item + " failed with status " + Integer.toHexString(r.status()));
                }
            }
        } finally {
            as.release();
        }
    }

    private static Corpus stored;

    /** The corpus, stored through the front door the first time a test asks for it. */
    static synchronized Corpus stored() throws Exception {
        if (stored == null) {
            Corpus c = new Corpus();
            c.store(Files.createTempDirectory("query-corpus-"), FrontDoorResource.dimsePort);
            stored = c;
        }
        return stored;
    }

    int size() {
        return objects.size();
    }

    static String label(Map<String, String> byLabel, String uid) {
        for (Map.Entry<String, String> e : byLabel.entrySet()) {
            if (e.getValue().equals(uid)) {
                return e.getKey();
            }
        }
        return "?" + uid;
    }
}
