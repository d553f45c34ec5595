package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code -k KEY[=VALUE]} query keys (keyword or gggg,eeee) and the information model options. */
public final class QueryKeys {
    @Option(names = {"-k", "--key"}, paramLabel = "KEY[=VALUE]",
            description = "a matching or return key by keyword or gggg,eeee, e.g. -k PatientName=Doe* -k StudyDate")
    public List<String> keys = new ArrayList<>();

    @Option(names = {"-P", "--patient-root"}, description = "Patient Root information model")
    public boolean patientRoot;

    @Option(names = {"-S", "--study-root"}, description = "Study Root information model (default)")
    public boolean studyRoot;

    @Option(names = {"-L", "--level"}, paramLabel = "LEVEL", description = "PATIENT, STUDY, SERIES or IMAGE (default STUDY)")
    public String level;

    /** The identifier built from the keys. */
    public DataSet identifier() {
        DataSet ds = new DataSet();
        ds.setString(Tag.QueryRetrieveLevel, VR.CS, level == null ? "STUDY" : level.toUpperCase());
        for (String k : keys) {
            int eq = k.indexOf('=');
            String name = eq < 0 ? k : k.substring(0, eq);
            String value = eq < 0 ? "" : k.substring(eq + 1);
            int tag = ElementDictionary.tagOf(name.trim());
            if (tag < 0) {
                tag = Tags.parse(name);
            }
            if (tag < 0) {
                throw new IllegalArgumentException("unknown key '" + name + "': use a keyword like PatientID or gggg,eeee");
            }
            VR vr = ElementDictionary.vrOf(tag);
            if (value.isEmpty()) {
                ds.setValue(tag, vr, null);
            } else {
                ds.setString(tag, vr, value.split("\\\\", -1));
            }
        }
        return ds;
    }
}
