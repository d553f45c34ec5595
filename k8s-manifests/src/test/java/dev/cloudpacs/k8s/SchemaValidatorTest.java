package dev.cloudpacs.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator itself: it must reject what the API server would reject (runs without kubectl). */
class SchemaValidatorTest {
    private static List<String> problems(String yaml) throws IOException {
        List<JsonNode> docs = Kustomize.parse(yaml);
        assertEquals(1, docs.size());
        return SchemaValidator.validate(docs.get(0));
    }

    private static void assertProblem(String expected, List<String> problems) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                    - name: c
                      image: i
                      env:
                        - name: PORT
                          value: "8080"
                      ports:
                        - containerPort: 8080
            """;

    @Test
    void aValidDeploymentPasses() throws IOException {
        assertEquals(List.of(), problems(DEPLOYMENT));
    }

    @Test
    void unknownFieldsFailWithTheirPath() throws IOException {
        assertProblem(".spec.template.spec.containers[0].imagePolicy: unknown field",
                problems(DEPLOYMENT.replace("image: i", "image: i\n          imagePolicy: Always")));
        assertProblem(".spec.replica: unknown field", problems(DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replica: 2\n  selector")));
    }

    @Test
    void requiredFieldsMustBePresent() throws IOException {
        assertProblem("containers[0].name: required field missing", problems(DEPLOYMENT.replace("- name: c\n          image: i", "- image: i")));
        assertProblem(".spec.selector: required field missing",
                problems(DEPLOYMENT.replace("  selector:\n    matchLabels: {app: d}\n", "")));
        assertProblem("metadata.name is required", problems(DEPLOYMENT.replace("  name: d\n", "  labels: {a: b}\n")));
    }

    @Test
    void scalarsAreNotCoerced() throws IOException {
        assertTrue(!problems(DEPLOYMENT.replace("value: \"8080\"", "value: 8080")).isEmpty(), "an env value must be a string");
        assertTrue(!problems(DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\"")).isEmpty(),
                "a port number must be an integer");
    }

    @Test
    void enumeratedStringsAreChecked() throws IOException {
        assertProblem("'Sometimes' is not one of",
                problems(DEPLOYMENT.replace("image: i", "image: i\n          imagePullPolicy: Sometimes")));
    }

    @Test
    void strimziKindsAreCheckedAgainstStrimzisModel() throws IOException {
        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: t
                  labels: {strimzi.io/cluster: k}
                spec:
                  partitions: 3
                  replicas: 1
                  config:
                    retention.ms: 1000
                """;
        assertEquals(List.of(), problems(topic));
        assertProblem(".spec.partition: unknown field", problems(topic.replace("partitions: 3", "partition: 3")));
        String pool = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaNodePool
                metadata:
                  name: p
                spec:
                  replicas: 1
                  roles: [broker]
                """;
        assertProblem(".spec.storage: required field missing", problems(pool));
        assertTrue(!problems(pool.replace("[broker]", "[brokr]")).isEmpty(), "roles are an enumeration");
    }

    @Test
    void cloudNativePgClustersAreCheckedAgainstTheVendoredSchema() throws IOException {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: db
                spec:
                  instances: 3
                  storage:
                    size: 1Gi
                  resources:
                    limits:
                      memory: 1Gi
                  postgresql:
                    parameters:
                      max_connections: "100"
                """;
        assertEquals(List.of(), problems(cluster));
        assertProblem(".spec.instances: required field missing", problems(cluster.replace("  instances: 3\n", "")));
        assertProblem(".spec.instance: unknown field", problems(cluster.replace("instances: 3", "instances: 3\n  instance: 3")));
        assertProblem("max_connections: must be a string", problems(cluster.replace("\"100\"", "100")));
        assertProblem("does not match", problems(cluster.replace("memory: 1Gi", "memory: 1 GB")));
    }

    @Test
    void gatewayApiRoutesAreCheckedAgainstFabric8sModel() throws IOException {
        String route = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: r
                spec:
                  parentRefs:
                    - name: g
                  rules:
                    - matches:
                        - method: POST
                          path:
                            type: RegularExpression
                            value: /x/[^/]+
                      backendRefs:
                        - name: s
                          port: 8081
                      timeouts:
                        request: 0s
                """;
        assertEquals(List.of(), problems(route));
        assertProblem("'Regex' is not one of", problems(route.replace("RegularExpression", "Regex")));
        assertProblem("'post' is not one of", problems(route.replace("method: POST", "method: post")));
        assertProblem("'0' is not a Gateway API duration", problems(route.replace("request: 0s", "request: \"0\"")));
        assertProblem(".spec.rules[0].timeout: unknown field", problems(route.replace("timeouts:", "timeout:")));
        assertProblem("parentRefs[0].name: required field missing", problems(route.replace("- name: g", "- kind: Gateway")));
    }

    @Test
    void kindsWithoutASchemaFail() throws IOException {
        assertProblem("no schema for this kind", problems("""
                apiVersion: example.org/v1
                kind: Widget
                metadata:
                  name: w
                """));
    }
}
