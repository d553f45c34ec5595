package dev.cloudpacs.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The variables the local scripts hand to the services are ones the services read (as the manifests'
 * are, in {@link ManifestsTest}), and every variable the README tells a user to set is read by a service
 * or by a script: a misspelt name is otherwise ignored without a word.
 */
class ScriptVariablesTest {
    private static final Path REPO = Kustomize.k8sDir().getParent();
    /** {@code NAME=value} before a command or in an export, outside comments. */
    private static final Pattern ASSIGNED = Pattern.compile("(?<![\\w${])((?:PACS|KAFKA)_[A-Z0-9_]+)=");
    /** {@code ${NAME:-default}} or {@code ${NAME}}: a setting of the script itself. */
    private static final Pattern READ = Pattern.compile("\\$\\{((?:PACS|KAFKA)_[A-Z0-9_]+)[:}]");
    private static final Pattern NAME = Pattern.compile("\\b((?:PACS|KAFKA)_[A-Z0-9_]+)\\b");

    private static String code(Path script) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(script)) {
            if (!line.stripLeading().startsWith("#")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static Set<String> matches(Pattern p, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pacs", "bin/scale-out"})
    void everyVariableAScriptSetsIsOneTheServicesRead(String script) throws IOException {
        Set<String> assigned = matches(ASSIGNED, code(REPO.resolve(script)));
        assertFalse(assigned.isEmpty(), script + " starts the services with their settings");
        Set<String> unknown = new TreeSet<>(assigned);
        unknown.removeAll(ConfigNames.known(REPO));
        assertEquals(Set.of(), unknown, script + " sets variables no service reads");
    }

    @Test
    void everyVariableTheReadmeNamesIsReadBySomething() throws IOException {
        Set<String> read = new TreeSet<>(ConfigNames.known(REPO));
        for (String script : new String[]{"pacs", "bin/scale-out"}) {
            read.addAll(matches(READ, code(REPO.resolve(script))));
        }
        Set<String> unknown = matches(NAME, Files.readString(REPO.resolve("README.md")));
        unknown.removeAll(read);
        assertEquals(Set.of(), unknown, "the README names variables that neither a service nor a script reads");
    }
}
