package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;

import java.util.Locale;

/**
 * Where a bulk data value sits in an instance, as the last segments of its BulkDataURI: tags as 8 hex
 * digits and sequence item indexes (from 0) in turn, ending with the value's tag, e.g. {@code 7FE00010}
 * or {@code 00540016/0/00181078}. This is the path {@code BulkDataUriProvider} is given.
 */
public final class TagPath {
    private TagPath() {
    }

    /** The URI form of a provider path. */
    public static String format(int[] path) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < path.length; k++) {
            if (k > 0) {
                sb.append('/');
            }
            sb.append((k & 1) == 0 ? Tags.toHex(path[k]) : Integer.toString(path[k]));
        }
        return sb.toString();
    }

    /**
     * Parses the URI form.
     *
     * @throws WadoException 400 when a segment is not a tag or an item index where one is expected
     */
    public static int[] parse(String text) throws WadoException {
        String[] seg = text.split("/", -1);
        if (seg.length % 2 == 0) {
            throw WadoException.badRequest("bulk data path '" + text + "' must end with a tag");
        }
        int[] path = new int[seg.length];
        for (int k = 0; k < seg.length; k++) {
            String s = seg[k];
            boolean tag = (k & 1) == 0;
            if (tag ? !s.matches("[0-9A-Fa-f]{8}") : !s.matches("\\d{1,6}")) {
                throw WadoException.badRequest("bulk data path '" + text + "': '" + s + "' is not "
                        + (tag ? "a tag (8 hex digits)" : "an item index"));
            }
            path[k] = tag ? (int) Long.parseLong(s.toUpperCase(Locale.ROOT), 16) : Integer.parseInt(s);
        }
        return path;
    }

    /**
     * The data set (top level or sequence item) holding the path's last tag.
     *
     * @throws WadoException 404 when a sequence or item on the way is absent
     */
    public static DataSet holder(DataSet top, int[] path) throws WadoException {
        DataSet ds = top;
        for (int k = 0; k + 1 < path.length; k += 2) {
            Sequence seq = ds.getSequence(path[k]);
            if (seq == null || path[k + 1] >= seq.size()) {
                throw WadoException.notFound("the instance has no " + format(java.util.Arrays.copyOf(path, k + 2)));
            }
            ds = seq.get(path[k + 1]);
        }
        return ds;
    }
}
