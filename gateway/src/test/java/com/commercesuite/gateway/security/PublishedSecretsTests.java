package com.commercesuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No JWT secret the repository contains opens the gateway: every value given to GATEWAY_JWT_SECRET or
 * commerce.gateway.jwt.secret in any file of the checkout is one the gateway refuses to start with.
 * A secret committed later fails this test until it is listed in {@link PublishedSecrets} (or removed).
 */
class PublishedSecretsTests {

    /** The value after GATEWAY_JWT_SECRET= / jwt.secret: on the same line, unless it is a ${placeholder}. */
    static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?:GATEWAY_JWT_SECRET|jwt\\.secret)[ \\t]*(?::-|[=:])[ \\t]*[\"']?([^\\s\"'$?}][^\\s\"'$}]*)");
    private static final Set<String> SKIPPED = Set.of(".git", "target", ".run", "node_modules", ".idea");
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();

    @Test
    void everySecretWrittenInTheRepositoryIsRefused() {
        Map<String, String> found = secretsIn(ROOT);

        assertThat(ROOT.resolve(".env.example")).as("the scan runs from the checkout's root").exists();
        found.forEach((where, secret) -> assertThat(JwtConfiguration.refusalOf(secret))
                .as("the gateway would start with the JWT secret written at %s", where).isNotNull());
    }

    @Test
    void theScanFindsAssignedValuesButNotPlaceholders() {
        String text = """
                GATEWAY_JWT_SECRET=abc
                GATEWAY_JWT_SECRET=
                GATEWAY_JWT_SECRET: ${GATEWAY_JWT_SECRET:?set it}
                secret: ${GATEWAY_JWT_SECRET:-a-default}
                  - GATEWAY_JWT_SECRET="quoted-one"
                start("--commerce.gateway.jwt.secret=too-short");
                "--commerce.gateway.jwt.secret=" + secret
                """;

        assertThat(ASSIGNED_SECRET.matcher(text).results().map(m -> m.group(1)))
                .containsExactly("abc", "a-default", "quoted-one", "too-short");
    }

    private static Map<String, String> secretsIn(Path root) {
        Map<String, String> found = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    return SKIPPED.contains(String.valueOf(directory.getFileName())) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String text = textOf(file);
                    if (text != null) {
                        ASSIGNED_SECRET.matcher(text).results()
                                .forEach(m -> found.put(root.relativize(file) + " at offset " + m.start(1), m.group(1)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The file's text, or null for one that is no UTF-8 text (images, jars) or too large to be a configuration. */
    private static String textOf(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 2_000_000) {
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
