package dev.cloudpacs.query;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import dev.cloudpacs.dicom.core.json.DicomJsonReader;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Asks the archive the way its users do: C-FIND through the front door, QIDO-RS over HTTP. */
final class ArchiveClient {
    record FindResult(int status, String comment, List<DataSet> matches, byte[] acceptedExtended) {
    }

    record QidoResult(int status, String warning, String body, List<DataSet> matches) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ArchiveClient() {
    }

    /** An identifier at a level from "Keyword=value" pairs; "Seq.Keyword" puts a key into a sequence item. */
    static DataSet identifier(String level, Map<String, String> keys) {
        DataSet id = new DataSet();
        if (keys.values().stream().anyMatch(v -> v.chars().anyMatch(ch -> ch > 127))) {
            id.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        }
        id.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String[] path = e.getKey().split("\\.");
            DataSet ds = id;
            for (int i = 0; i < path.length - 1; i++) {
                int sq = ElementDictionary.tagOf(path[i]);
                Sequence s = ds.getSequence(sq);
                ds = s == null ? ds.newSequence(sq, 1).addItem() : s.get(0);
            }
            int tag = ElementDictionary.tagOf(path[path.length - 1]);
            ds.setString(tag, ElementDictionary.vrOf(tag), e.getValue());
        }
        return id;
    }

    static FindResult find(String sopClass, DataSet keys) throws Exception {
        return find(FrontDoorResource.dimsePort, "PACS", sopClass, keys);
    }

    static FindResult find(int port, String calledAe, String sopClass, DataSet keys) throws Exception {
        return find(port, calledAe, sopClass, keys, null);
    }

    /** C-FIND proposing SOP Class Extended Negotiation {@code extended} (PS3.4 C.5.1.1) when not null. */
    static FindResult find(int port, String calledAe, String sopClass, DataSet keys, byte[] extended) throws Exception {
        AssociationRequest rq = new AssociationRequest("VIEWER", calledAe);
        rq.addContext(sopClass, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
        if (extended != null) {
            rq.addExtendedNegotiation(sopClass, extended);
        }
        Association as = Connector.connect("127.0.0.1", port, rq, AssociationOptions.DEFAULT, null, null);
        try {
            List<DataSet> matches = Collections.synchronizedList(new ArrayList<>());
            Command done = QueryRetrieveScu.find(as, sopClass, keys, matches::add).await();
            byte[] accepted = as.associateAccept().userInformation().extendedNegotiations().stream()
                    .filter(e -> e.sopClassUid().equals(sopClass)).map(e -> e.info()).findFirst().orElse(null);
            return new FindResult(done.status(), done.errorComment(), matches, accepted);
        } finally {
            as.release();
        }
    }

    static QidoResult qido(String path, Map<String, String> params) throws Exception {
        String q = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        URI uri = URI.create("http://127.0.0.1:" + FrontDoorResource.queryHttpPort + "/dicomweb/" + path
                + (q.isEmpty() ? "" : "?" + q));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "application/dicom+json")
                        .header("Authorization", dev.cloudpacs.testkit.AccessTokens.bearer("reader")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        List<DataSet> matches = r.statusCode() == 200 ? new DicomJsonReader().read(r.body()).dataSets() : List.of();
        return new QidoResult(r.statusCode(), r.headers().firstValue("Warning").orElse(null), r.body(), matches);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
