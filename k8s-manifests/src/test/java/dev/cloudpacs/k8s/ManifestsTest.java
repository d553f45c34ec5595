package dev.cloudpacs.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders k8s/base and both overlays with {@code kubectl kustomize}, validates every object against
 * its kind's schema ({@link SchemaValidator}) and checks what issue 8 requires of the deployment.
 * Skips with a visible message when kubectl is not installed.
 */
class ManifestsTest {
    static final Set<String> SERVICES = Set.of("dimse-ingest", "query-service", "retrieve-service", "commitment-service");
    /** Secrets the manifests may reference: created by CloudNativePG, or by the operator of the cluster (components/tls). */
    static final Set<String> EXTERNAL_SECRETS = Set.of("pacs-db-app", "cloudpacs-dicom-tls", "cloudpacs-web-tls");
    static final Set<String> TOPICS = Set.of("dicom.instance.stored", "dicom.study.stable", "dicom.retrieve.requests",
            "dicom.retrieve.progress", "dicom.commitment.requests", "dicom.commitment.results");

    static Stream<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind));
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Map<String, String> config(List<JsonNode> objects) {
        JsonNode cm = ofKind(objects, "ConfigMap")
                .filter(o -> o.path("metadata").path("name").asText().startsWith("cloudpacs-config"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap cloudpacs-config"));
        Map<String, String> m = new HashMap<>();
        cm.path("data").properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyObjectMatchesTheSchemaOfItsKind(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        assertFalse(objects.isEmpty(), dir + " renders nothing");
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            problems.addAll(SchemaValidator.validate(o));
        }
        if (!problems.isEmpty()) {
            fail(dir + ": " + problems.size() + " schema problems:\n  " + String.join("\n  ", problems));
        }
        System.out.println(dir + ": " + objects.size() + " objects valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyServiceHasADeploymentServiceAccountServiceHpaAndPdb(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        for (String svc : SERVICES) {
            JsonNode d = named(objects, "Deployment", svc);
            named(objects, "ServiceAccount", svc);
            JsonNode service = named(objects, "Service", svc);
            Map<String, String> podLabels = labels(d.path("spec").path("template").path("metadata").path("labels"));
            assertTrue(podLabels.entrySet().containsAll(labels(service.path("spec").path("selector")).entrySet()),
                    svc + ": the Service selects its pods");
            assertEquals(svc, d.path("spec").path("template").path("spec").path("serviceAccountName").asText());

            JsonNode hpa = named(objects, "HorizontalPodAutoscaler", svc);
            assertEquals("Deployment", hpa.path("spec").path("scaleTargetRef").path("kind").asText());
            assertEquals(svc, hpa.path("spec").path("scaleTargetRef").path("name").asText());
            assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 1);
            assertTrue(hpa.path("spec").path("maxReplicas").asInt() >= hpa.path("spec").path("minReplicas").asInt());
            assertTrue(hpa.path("spec").path("metrics").findValues("name").stream().anyMatch(n -> n.asText().equals("cpu")),
                    svc + ": the HPA scales on CPU");
            assertTrue(d.path("spec").path("replicas").isMissingNode(),
                    svc + ": no spec.replicas, the HPA owns the count");

            JsonNode pdb = named(objects, "PodDisruptionBudget", svc);
            assertTrue(podLabels.entrySet().containsAll(
                    labels(pdb.path("spec").path("selector").path("matchLabels")).entrySet()), svc + ": the PDB selects its pods");
        }
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyDeploymentIsProbedLimitedAndHardened(String dir) {
        for (JsonNode d : ofKind(Kustomize.render(dir), "Deployment").toList()) {
            String name = d.path("metadata").path("name").asText();
            JsonNode pod = d.path("spec").path("template").path("spec");
            JsonNode c = container(d);
            assertEquals("/q/health/started", c.path("startupProbe").path("httpGet").path("path").asText(), name);
            assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText(), name);
            assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText(), name);
            for (String r : List.of("cpu", "memory")) {
                assertTrue(c.path("resources").path("requests").has(r), name + ": requests." + r);
                assertTrue(c.path("resources").path("limits").has(r), name + ": limits." + r);
            }
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + ": runAsNonRoot");
            assertEquals(185, pod.path("securityContext").path("runAsUser").asInt(), name + ": runAsUser");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), name);
            JsonNode sc = c.path("securityContext");
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), name + ": readOnlyRootFilesystem");
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), name + ": allowPrivilegeEscalation");
            assertEquals("[\"ALL\"]", sc.path("capabilities").path("drop").toString(), name + ": capabilities");
            String tmpVolume = null;
            for (JsonNode m : c.path("volumeMounts")) {
                if (m.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = m.path("name").asText();
                }
            }
            assertTrue(tmpVolume != null, name + ": /tmp is mounted");
            String tmp = tmpVolume;
            assertTrue(Stream.of(pod.path("volumes")).flatMap(v -> toList(v).stream())
                    .anyMatch(v -> v.path("name").asText().equals(tmp) && v.has("emptyDir")), name + ": /tmp is an emptyDir");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name + ": no API token");
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l;
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void podsOutliveTheirShutdownGrace(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        Map<String, String> config = config(objects);
        long dimseGrace = Duration.parse(config.get("PACS_DIMSE_SHUTDOWN_GRACE")).toSeconds();
        long httpGrace = Duration.parse(config.get("QUARKUS_SHUTDOWN_TIMEOUT")).toSeconds();
        for (JsonNode d : ofKind(objects, "Deployment").toList()) {
            String name = d.path("metadata").path("name").asText();
            JsonNode preStop = container(d).path("lifecycle").path("preStop");
            long sleep;
            if (preStop.has("sleep")) {
                sleep = preStop.path("sleep").path("seconds").asLong();
            } else {
                JsonNode cmd = preStop.path("exec").path("command");
                assertEquals("sleep", cmd.path(0).asText(), name + ": preStop sleeps");
                sleep = Long.parseLong(cmd.path(1).asText());
            }
            assertTrue(sleep >= 5, name + ": preStop sleep long enough for endpoint removal");
            // Quarkus waits for HTTP requests first; the front door drains its associations after that.
            long grace = name.equals("dimse-ingest") ? httpGrace + dimseGrace : httpGrace;
            long period = d.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong(30);
            assertTrue(period > sleep + grace, name + ": terminationGracePeriodSeconds " + period
                    + " > preStop " + sleep + " s + shutdown grace " + grace + " s");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void noSecretValuesOnlyReferencesToOperatorSecrets(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        assertEquals(List.of(), ofKind(objects, "Secret").map(s -> s.path("metadata").path("name").asText()).toList(),
                "no Secret objects in the manifests");
        for (JsonNode d : ofKind(objects, "Deployment").toList()) {
            for (JsonNode ref : d.findValues("secretKeyRef")) {
                assertTrue(EXTERNAL_SECRETS.contains(ref.path("name").asText()), "secretKeyRef to " + ref);
            }
            for (JsonNode env : d.findValues("env")) {
                for (JsonNode e : env) {
                    String n = e.path("name").asText();
                    if (n.contains("PASSWORD") || n.endsWith("_USER")) {
                        assertTrue(e.has("valueFrom"), n + " comes from a Secret, not a literal");
                    }
                }
            }
        }
        Map<String, String> config = config(objects);
        config.keySet().forEach(k -> assertFalse(k.contains("PASSWORD"), "no password in the ConfigMap: " + k));
        JsonNode d = named(objects, "Deployment", "dimse-ingest");
        assertTrue(d.toString().contains("\"name\":\"pacs-db-app\""), "database credentials from CloudNativePG's pacs-db-app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyPacsVariableIsOneTheServicesRead(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        Set<String> known = ConfigNames.known(Kustomize.k8sDir().getParent());
        assertTrue(known.contains("PACS_DIMSE_SHUTDOWN_GRACE"), "PacsConfig was read: " + known);
        List<String> used = new ArrayList<>(config(objects).keySet());
        for (JsonNode d : ofKind(objects, "Deployment").toList()) {
            for (JsonNode env : d.findValues("env")) {
                env.forEach(e -> used.add(e.path("name").asText()));
            }
        }
        for (String name : used) {
            if (name.startsWith("PACS_") || name.startsWith("KAFKA_")) {
                assertTrue(known.contains(name),
                        name + " is not read by any service (PacsConfig or an application.properties placeholder)");
            }
        }
    }

    @Test
    void noSecretManifestInTheRepository() throws IOException {
        Pattern secret = Pattern.compile("^kind:\\s*Secret\\s*$", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(Kustomize.k8sDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                assertFalse(secret.matcher(Files.readString(f)).find(), f + " declares a Secret");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyTopicIsDeclaredWithPartitionsAndRetention(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        Map<String, JsonNode> topics = new HashMap<>();
        ofKind(objects, "KafkaTopic").forEach(t -> topics.put(t.path("spec").path("topicName").asText(), t));
        assertEquals(TOPICS, topics.keySet());
        for (JsonNode t : topics.values()) {
            assertEquals("pacs-kafka", t.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            assertTrue(t.path("spec").path("partitions").asInt() > 0);
            assertTrue(t.path("spec").path("config").has("retention.ms"), "retention chosen for " + t);
        }
        assertEquals(config(objects).get("PACS_RETRIEVE_TOPIC_PARTITIONS"),
                topics.get("dicom.retrieve.requests").path("spec").path("partitions").asText(),
                "PACS_RETRIEVE_TOPIC_PARTITIONS equals the partitions of dicom.retrieve.requests");
        for (String topic : List.of("dicom.commitment.requests", "dicom.commitment.results")) {
            assertEquals(config(objects).get("PACS_COMMITMENT_TOPIC_PARTITIONS"),
                    topics.get(topic).path("spec").path("partitions").asText(),
                    "PACS_COMMITMENT_TOPIC_PARTITIONS equals the partitions of " + topic);
        }
        assertTrue(topics.get("dicom.retrieve.progress").path("spec").path("config").path("retention.ms").asLong()
                < topics.get("dicom.instance.stored").path("spec").path("config").path("retention.ms").asLong(),
                "progress is kept shorter than instance events");
        JsonNode kafka = ofKind(objects, "Kafka").findFirst().orElseThrow();
        assertEquals("pacs-kafka", kafka.path("metadata").path("name").asText());
        JsonNode pool = ofKind(objects, "KafkaNodePool").findFirst().orElseThrow();
        assertEquals("[\"controller\",\"broker\"]", pool.path("spec").path("roles").toString(), "KRaft nodes");
        int brokers = pool.path("spec").path("replicas").asInt();
        for (JsonNode t : topics.values()) {
            assertTrue(t.path("spec").path("replicas").asInt() <= brokers, "topic replicas fit the brokers");
            assertTrue(t.path("spec").path("config").path("min.insync.replicas").asInt()
                    <= t.path("spec").path("replicas").asInt());
        }
        assertTrue(config(objects).get("KAFKA_BOOTSTRAP_SERVERS").startsWith("pacs-kafka-kafka-bootstrap:9092"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theSharedStorageIsMountedWhereObjectsAreReadOrWritten(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        JsonNode pvc = named(objects, "PersistentVolumeClaim", "pacs-storage");
        assertEquals("[\"ReadWriteMany\"]", pvc.path("spec").path("accessModes").toString());
        String root = config(objects).get("PACS_STORAGE_ROOT");
        for (String svc : List.of("dimse-ingest", "retrieve-service", "commitment-service")) {
            JsonNode d = named(objects, "Deployment", svc);
            String volume = toList(d.path("spec").path("template").path("spec").path("volumes")).stream()
                    .filter(v -> v.path("persistentVolumeClaim").path("claimName").asText().equals("pacs-storage"))
                    .map(v -> v.path("name").asText()).findFirst()
                    .orElseThrow(() -> new AssertionError(svc + " has no pacs-storage volume"));
            assertTrue(toList(container(d).path("volumeMounts")).stream()
                    .anyMatch(m -> m.path("name").asText().equals(volume) && m.path("mountPath").asText().equals(root)),
                    svc + " mounts the storage at PACS_STORAGE_ROOT");
        }
        assertFalse(named(objects, "Deployment", "query-service").toString().contains("pacs-storage"),
                "query-service reads only the index");
        assertTrue(config(objects).get("PACS_DB_URL").startsWith("jdbc:postgresql://pacs-db-rw:5432/"));
        named(objects, "Cluster", "pacs-db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void dimseHasALoadBalancer(String dir) {
        JsonNode lb = named(Kustomize.render(dir), "Service", "dimse");
        assertEquals("LoadBalancer", lb.path("spec").path("type").asText());
        assertTrue(lb.path("spec").path("ports").findValues("port").stream().anyMatch(p -> p.asInt() == 11112));
        assertEquals("dimse-ingest", lb.path("spec").path("selector").path("app.kubernetes.io/name").asText());
    }

    @Test
    void prodHasNetworkPoliciesAndTls() {
        List<JsonNode> objects = Kustomize.render("overlays/prod");
        JsonNode deny = named(objects, "NetworkPolicy", "default-deny-ingress");
        assertEquals("{}", deny.path("spec").path("podSelector").toString());
        named(objects, "NetworkPolicy", "cloudpacs-default-deny-egress");
        String policies = objects.stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy"))
                .map(JsonNode::toString).reduce("", String::concat);
        for (int port : List.of(5432, 9092, 8081, 8082, 8083, 9000, 11112, 2762, 53)) {
            assertTrue(policies.contains("\"port\":" + port), "a policy allows port " + port);
        }
        // The internal endpoints live on the management port: the Gateway reaches only the public HTTP
        // ports, the front door reaches nothing else of the other services.
        JsonNode fromGateway = named(objects, "NetworkPolicy", "cloudpacs-ingress-from-gateway");
        assertEquals(List.of(8081, 8082, 8083), fromGateway.findValues("port").stream().map(JsonNode::asInt).toList());
        JsonNode fromFrontDoor = named(objects, "NetworkPolicy", "cloudpacs-ingress-from-front-door");
        assertEquals(List.of(9000), fromFrontDoor.findValues("port").stream().map(JsonNode::asInt).distinct().toList());
        JsonNode lb = named(objects, "Service", "dimse");
        assertTrue(lb.path("spec").path("ports").findValues("port").stream().anyMatch(p -> p.asInt() == 2762));
        JsonNode c = container(named(objects, "Deployment", "dimse-ingest"));
        assertTrue(c.toString().contains("\"name\":\"PACS_DIMSE_TLS_PORT\",\"value\":\"2762\""));
        assertTrue(toList(c.path("ports")).stream().anyMatch(p -> p.path("containerPort").asInt() == 2762));
        assertTrue(c.path("volumeMounts").toString().contains("/etc/cloudpacs/tls"));
        assertEquals("https", named(objects, "HTTPRoute", "dicomweb").path("spec").path("parentRefs").path(0)
                .path("sectionName").asText(), "DICOMweb on the Gateway's TLS listener");
        assertTrue(objects.stream().allMatch(o -> o.path("kind").asText().equals("Namespace")
                || o.path("metadata").path("namespace").asText().equals("cloudpacs")));
        assertTrue(named(objects, "Deployment", "dimse-ingest").path("spec").path("template").path("spec")
                .path("containers").path(0).path("image").asText().endsWith(":0.1.0"));
    }

    @Test
    void devHasNeitherNetworkPoliciesNorTls() {
        List<JsonNode> objects = Kustomize.render("overlays/dev");
        assertEquals(0, ofKind(objects, "NetworkPolicy").count());
        assertTrue(ofKind(objects, "HorizontalPodAutoscaler").allMatch(h -> h.path("spec").path("minReplicas").asInt() == 1));
        assertEquals(1, named(objects, "KafkaNodePool", "dual-role").path("spec").path("replicas").asInt());
    }
}
