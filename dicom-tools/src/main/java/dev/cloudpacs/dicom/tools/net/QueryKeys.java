package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code -k KEY[=VALUE]} query keys (keyword or gggg,eeee) and the information model options, shared by
 * the query and retrieve tools; each adds them to its command line with {@link #register}.
 */
public final class QueryKeys {
    public final List<String> keys = new ArrayList<>();
    public boolean patientRoot;
    public boolean studyRoot;
    public String level;

    /** Adds these options to a command's line, their values set on this object. */
    public void register(CommandSpec spec) {
        spec.option("-k", "--key").label("KEY[=VALUE]").repeatable()
                .description("a matching or return key by keyword or gggg,eeee, e.g. -k PatientName=Doe* -k StudyDate")
                .value(Converters.STRING, keys::add);
        spec.option("-P", "--patient-root").description("Patient Root information model").flag(v -> patientRoot = v);
        spec.option("-S", "--study-root").description("Study Root information model (default)").flag(v -> studyRoot = v);
        spec.option("-L", "--level").label("LEVEL").description("PATIENT, STUDY, SERIES or IMAGE (default STUDY)")
                .value(Converters.STRING, v -> level = v);
    }

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
