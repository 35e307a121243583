package com.commercesuite.deployment;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The checkout these tests run in: its Maven modules and the services' application.yml. */
final class Repository {

    /** Environment variables as Spring placeholders name them: ${NAME} or ${NAME:default}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:${]+)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root pom's modules, in reactor order. */
    static List<String> modules() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            var pom = factory.newDocumentBuilder().parse(path("pom.xml").toFile());
            NodeList nodes = ((Element) pom.getElementsByTagName("modules").item(0)).getElementsByTagName("module");
            List<String> modules = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                modules.add(nodes.item(i).getTextContent().trim());
            }
            return modules;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom.xml's modules", e);
        }
    }

    /** Modules that are deployable services: a class annotated @SpringBootApplication in src/main/java. */
    static Set<String> serviceModules() {
        Set<String> services = new TreeSet<>();
        for (String module : modules()) {
            Path sources = path(module).resolve("src/main/java");
            if (Files.isDirectory(sources) && hasSpringBootApplication(sources)) {
                services.add(module);
            }
        }
        return services;
    }

    private static boolean hasSpringBootApplication(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("@SpringBootApplication");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String applicationYml(String module) {
        return read(module + "/src/main/resources/application.yml");
    }

    static Map<String, Object> applicationSettings(String module) {
        return Yamls.load(applicationYml(module));
    }

    /** Environment variable names used as placeholders in a module's application.yml, nested defaults included. */
    static Set<String> environmentPlaceholders(String module) {
        return environmentPlaceholdersIn(applicationYml(module));
    }

    /** Environment variable names among the placeholders of a module's application.yml that have no default. */
    static Set<String> placeholdersWithoutDefault(String module) {
        return placeholdersWithoutDefaultIn(applicationYml(module));
    }

    static Set<String> environmentPlaceholdersIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(stripComments(text));
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            if (ENV_NAME.matcher(name).matches()) {
                names.add(name);
            }
        }
        return names;
    }

    static Set<String> placeholdersWithoutDefaultIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(stripComments(text));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** YAML comments may mention placeholders that nothing reads. */
    private static String stripComments(String yaml) {
        return yaml.lines().map(line -> line.stripLeading().startsWith("#") ? "" : line)
                .reduce("", (a, b) -> a + b + "\n");
    }
}
