package com.commercesuite.gateway.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * JWT secrets that were ever written in this repository (examples, manifests, tests): anyone who
 * has read it can sign tokens with them, so the gateway refuses them. Kept as SHA-256 digests so
 * that this list is not one more place to copy a working secret from. A secret committed anywhere
 * later fails the build until its digest is added here (PublishedSecretsTests scans the repository).
 */
final class PublishedSecrets {

    private static final Set<String> SHA256 = Set.of(
            // .env.example, before the compose stack required a secret of one's own
            "5e03ea66bd6724080e86632dbd605e58e4062f74e0f838b811eb80d2c1ef3303",
            // k8s/kustomization.yaml's generated Secret gateway-jwt, before the operator made it
            "62f7b00b4613f59db40f4916611ca6811e29f3cf74bd634c883ca6e489352b74",
            // the gateway's tests, before they made their secrets per run
            "9258f8ac6e2f0f758e7f012548eca6463de7b79c45d379c6c29d9d6f79c90ff0",
            "a8ed9124577ef04b69c54dc70629c14d72ed38f8eec34ff5dd37daae866113af");

    private PublishedSecrets() {
    }

    static boolean contains(String secret) {
        return SHA256.contains(sha256(secret));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
