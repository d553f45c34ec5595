package dev.cloudpacs.ingest.rest;

import dev.cloudpacs.common.ae.ApplicationEntity;

import java.util.ArrayList;
import java.util.List;

/** The AE registry as an aligned plain-text table, for {@code ./pacs ae list} (which has only curl to rely on). */
final class AeTable {
    private static final String[] HEADER = {"TITLE", "HOST", "PORT", "TLS", "STORE", "QUERY", "RETRIEVE", "DESCRIPTION"};

    private AeTable() {
    }

    static String format(List<ApplicationEntity> aes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ApplicationEntity ae : aes) {
            rows.add(new String[] {ae.aeTitle, ae.host, Integer.toString(ae.port), yesNo(ae.tls), yesNo(ae.mayStore),
                    yesNo(ae.mayQuery), yesNo(ae.mayRetrieve), oneLine(ae.description)});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** A description with a line break or tab would break the alignment. */
    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }
}
