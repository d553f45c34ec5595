package dev.cloudpacs.retrieve.service.wado;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.json.DicomJsonWriter;
import dev.cloudpacs.retrieve.store.LocalFile;
import dev.cloudpacs.retrieve.store.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * WADO-RS metadata (PS3.18 10.4.1.1.2): a DICOM JSON array, one object per instance, streamed one
 * instance at a time. Each object is read from the stored file, not the index's header JSON, so that
 * every bulk value is there as a {@code BulkDataURI} this service answers: Pixel Data always, other
 * binary values over {@value #INLINE_LIMIT} bytes; smaller ones are inline.
 */
@ApplicationScoped
public class MetadataWriter {
    /** Binary values up to this many bytes are written inline (base64), longer ones by URI. */
    public static final int INLINE_LIMIT = 1024;
    private static final Logger LOG = Logger.getLogger(MetadataWriter.class);
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    /** Values above the limit stay in the file while the JSON is written: memory stays flat. */
    private static final ReadOptions READ = ReadOptions.DEFAULT.withBulkDataThreshold(INLINE_LIMIT + 1);

    private final StoredObjects objects;

    public MetadataWriter(StoredObjects objects) {
        this.objects = objects;
    }

    /** Writes the metadata of {@code instances}; bulk data URIs start with {@code dicomwebBase}. */
    public void write(List<StoredInstance> instances, String dicomwebBase, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (StoredInstance i : instances) {
                String instanceUrl = dicomwebBase + "/studies/" + i.studyUid() + "/series/" + i.seriesUid()
                        + "/instances/" + i.sopInstanceUid();
                DicomJsonWriter w = new DicomJsonWriter().bulkDataUriProvider((ds, path, value) ->
                        byUri(ds, path, value) ? instanceUrl + "/bulk/" + TagPath.format(path) : null);
                try (LocalFile f = LocalFile.of(objects, i)) {
                    DataSet ds = DicomReader.read(f.path(), READ).dataSet();
                    w.write(ds, g);
                } catch (IOException e) {
                    LOG.warnf("WADO: metadata of instance %s failed mid-response: %s", i.sopInstanceUid(),
                            e.getMessage());
                    throw e;
                }
                g.flush(); // one instance at a time reaches the client
            }
            g.writeEndArray();
        }
    }

    /** Pixel Data and long binary values go by URI; long text stays inline (the writer loads it). */
    private static boolean byUri(DataSet ds, int[] path, Object value) {
        int tag = path[path.length - 1];
        if (value instanceof Fragments || path.length == 1 && tag == Tag.PixelData) {
            return true;
        }
        long length = value instanceof byte[] b ? b.length : value instanceof BulkData bd ? bd.length() : 0;
        VR vr = ds.getVR(tag);
        return length > INLINE_LIMIT && vr != null && vr.kind() == VR.Kind.BINARY;
    }
}
