package dev.cloudpacs.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Renders a kustomization with {@code kubectl kustomize}; tests skip (never fail) without kubectl. */
final class Kustomize {
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();
    private static volatile String kubectl;
    private static volatile String unavailable;
    private static volatile boolean told;

    private Kustomize() {
    }

    /** The repository's {@code k8s/} directory (the module runs with its own directory as working dir). */
    static Path k8sDir() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s/base"))) {
                return p.resolve("k8s");
            }
        }
        throw new IllegalStateException("no k8s/base above " + base);
    }

    /** Skips the calling test with a visible message when kubectl (with kustomize) is not available. */
    static void assumeKubectl() {
        if (kubectl == null && unavailable == null) {
            probe();
        }
        if (unavailable != null && !told) {
            told = true;
            System.out.println("SKIPPED: " + unavailable);
        }
        assumeTrue(unavailable == null, () -> unavailable);
    }

    private static synchronized void probe() {
        if (kubectl != null || unavailable != null) {
            return;
        }
        String candidate = System.getenv().getOrDefault("KUBECTL", "kubectl");
        try {
            Process p = new ProcessBuilder(candidate, "version", "--client").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                unavailable = "kubectl found but 'kubectl version --client' failed: manifest tests skipped";
                return;
            }
            // Components need kustomize >= 3.7; kubectl prints its bundled kustomize from 1.21 (v4) on.
            Matcher m = Pattern.compile("Kustomize Version: v(\\d+)").matcher(out);
            if (!m.find() || Integer.parseInt(m.group(1)) < 4) {
                unavailable = "kubectl's bundled kustomize is older than v4 (" + out.lines().findFirst().orElse("")
                        + "): manifest tests skipped";
                return;
            }
            kubectl = candidate;
        } catch (IOException e) {
            unavailable = "kubectl not installed (apt-get install kubectl): Kubernetes manifest tests skipped";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while looking for kubectl";
        }
    }

    /** The objects {@code kubectl kustomize k8s/<dir>} renders, as JSON trees (cached per directory). */
    static List<JsonNode> render(String dir) {
        assumeKubectl();
        return RENDERED.computeIfAbsent(dir, Kustomize::doRender);
    }

    private static List<JsonNode> doRender(String dir) {
        Path path = k8sDir().resolve(dir);
        try {
            Path errFile = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder(kubectl, "kustomize", path.toString())
                        .redirectError(errFile.toFile()).start();
                byte[] out;
                try (InputStream stdout = p.getInputStream()) {
                    out = stdout.readAllBytes();
                }
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + dir + " timed out");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + Files.readString(errFile));
                }
                return parse(new String(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + dir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every non-empty document of a multi-document YAML stream. */
    static List<JsonNode> parse(String yaml) throws IOException {
        ObjectMapper mapper = new YAMLMapper();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var it = mapper.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode() && !n.isEmpty()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }
}
