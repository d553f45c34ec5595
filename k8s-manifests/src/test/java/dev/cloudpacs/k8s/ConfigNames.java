package dev.cloudpacs.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variable names the services understand, read from the sources: every property of
 * {@code PacsConfig} (the {@code @ConfigMapping(prefix = "pacs")} interface, nested groups included)
 * as SmallRye Config maps it to the environment ({@code pacs.dimse.tls.key-store} is {@code
 * PACS_DIMSE_TLS_KEY_STORE}), and the {@code ${NAME:default}} placeholders of the services'
 * application.properties and of pacs-common's shared META-INF/microprofile-config.properties. A misspelt
 * variable in a manifest is otherwise ignored silently.
 */
final class ConfigNames {
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*(?:Optional<\\s*)?([\\w.]+)(?:\\s*>)?\\s+(\\w+)\\(\\)\\s*;", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");

    private ConfigNames() {
    }

    static Set<String> known(Path repo) {
        Set<String> names = new TreeSet<>();
        try {
            String src = Files.readString(repo.resolve(
                    "pacs-common/src/main/java/dev/cloudpacs/common/config/PacsConfig.java"));
            Map<String, List<String[]>> members = members(src);
            collect("PacsConfig", "pacs", members, names);
            try (Stream<Path> files = Files.list(repo)) {
                for (Path module : files.filter(Files::isDirectory).toList()) {
                    // Each service's own properties and pacs-common's shared defaults.
                    for (String file : List.of("src/main/resources/application.properties",
                            "src/main/resources/META-INF/microprofile-config.properties")) {
                        Path props = module.resolve(file);
                        if (Files.exists(props)) {
                            Matcher m = PLACEHOLDER.matcher(Files.readString(props));
                            while (m.find()) {
                                names.add(m.group(1));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Interface name to its no-argument methods (return type, name), by brace depth. */
    private static Map<String, List<String[]>> members(String src) {
        Map<String, List<String[]>> members = new HashMap<>();
        List<String> stack = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        int depth = 0;
        String pending = null;
        for (String line : src.split("\n")) {
            Matcher i = INTERFACE.matcher(line);
            if (i.find()) {
                pending = i.group(1);
            }
            Matcher m = METHOD.matcher(line);
            if (m.find() && !stack.isEmpty() && depth == depths.get(depths.size() - 1)) {
                members.computeIfAbsent(stack.get(stack.size() - 1), k -> new ArrayList<>())
                        .add(new String[] {m.group(1), m.group(2)});
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                    if (pending != null) {
                        stack.add(pending);
                        depths.add(depth);
                        pending = null;
                    }
                } else if (c == '}') {
                    if (!depths.isEmpty() && depths.get(depths.size() - 1) == depth) {
                        stack.remove(stack.size() - 1);
                        depths.remove(depths.size() - 1);
                    }
                    depth--;
                }
            }
        }
        return members;
    }

    private static void collect(String type, String prefix, Map<String, List<String[]>> members, Set<String> names) {
        for (String[] member : members.getOrDefault(type, List.of())) {
            String property = prefix + "." + member[1].replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (members.containsKey(member[0])) {
                collect(member[0], property, members, names);
            } else {
                names.add(property.replaceAll("[^a-z0-9]", "_").toUpperCase(Locale.ROOT));
            }
        }
    }
}
