package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.retrieve.store.LocalFile;
import dev.cloudpacs.retrieve.store.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends stored instances as Part 10 files: the stored bytes unchanged when the client takes the stored
 * transfer syntax, else transcoded between uncompressed syntaxes. Which instance goes in which syntax
 * (or not at all) is decided from the index before the response starts, so the status code is right.
 */
@ApplicationScoped
public class InstanceRetriever {
    private static final Logger LOG = Logger.getLogger(InstanceRetriever.class);
    private static final int BUFFER = 64 * 1024;

    /** One instance to send, in this syntax. */
    public record Item(StoredInstance instance, TransferSyntax syntax) {
        boolean asStored() {
            return syntax.uid().equals(instance.transferSyntaxUid());
        }
    }

    /**
     * What a retrieve sends.
     *
     * @param items   the instances that can be sent, in index order
     * @param skipped how many cannot, and {@code reason} says why (the first one's reason)
     */
    public record Plan(List<Item> items, int skipped, String reason) {
    }

    private final StoredObjects objects;

    public InstanceRetriever(StoredObjects objects) {
        this.objects = objects;
    }

    /**
     * Picks each instance's syntax.
     *
     * @throws WadoException 406 when no instance can be sent in an acceptable syntax (PS3.18 10.4.1.2),
     *     500 when storage has lost every one of them
     */
    public Plan plan(List<StoredInstance> instances, SyntaxChoice choice) throws WadoException {
        List<Item> items = new ArrayList<>(instances.size());
        String reason = null;
        int refused = 0;
        int missing = 0;
        for (StoredInstance i : instances) {
            TransferSyntax ts = choice.choose(i.transferSyntaxUid());
            if (ts == null) {
                refused++;
                if (reason == null) {
                    reason = "instance " + i.sopInstanceUid() + " is " + choice.refusal(i.transferSyntaxUid());
                }
            } else if (!LocalFile.present(objects, i)) {
                missing++;
                LOG.warnf("WADO: instance %s is indexed but its object %s is missing from storage",
                        i.sopInstanceUid(), i.storageKey());
                if (reason == null) {
                    reason = "instance " + i.sopInstanceUid() + " is missing from storage";
                }
            } else {
                items.add(new Item(i, ts));
            }
        }
        if (items.isEmpty()) {
            throw new WadoException(refused > 0 ? 406 : 500, (instances.size() > 1 ? "none of the "
                    + instances.size() + " instances can be returned: " : "") + reason);
        }
        return new Plan(items, refused + missing, reason);
    }

    /**
     * Writes every planned instance as one {@code application/dicom} part, with its transfer syntax and
     * its WADO-RS URL ({@code Content-Location}) in the part headers.
     */
    public void writeMultipart(Plan plan, MultipartWriter mp, String dicomwebBase) throws IOException {
        for (Item item : plan.items()) {
            StoredInstance i = item.instance();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/dicom; transfer-syntax=" + item.syntax().uid());
            headers.put("Content-Location", dicomwebBase + "/studies/" + i.studyUid() + "/series/" + i.seriesUid()
                    + "/instances/" + i.sopInstanceUid());
            try (OutputStream part = mp.startPart(headers)) {
                write(item, part);
            }
        }
        mp.finish();
    }

    /** Writes one instance as a Part 10 file in the planned syntax. */
    public void write(Item item, OutputStream out) throws IOException {
        StoredInstance i = item.instance();
        try {
            if (item.asStored()) {
                try (StoredObjects.Opened f = objects.openFile(i); InputStream in = f.in()) {
                    copy(in, out);
                }
            } else {
                try (LocalFile f = LocalFile.of(objects, i)) {
                    Transcoder.transcode(f.path(), item.syntax(), out);
                }
            }
        } catch (IOException e) {
            // The status line is gone already: log why, then abort the response so the client sees it cut.
            LOG.warnf("WADO: sending instance %s failed mid-response: %s", i.sopInstanceUid(), e.getMessage());
            throw e;
        }
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
    }
}
