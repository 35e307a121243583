package com.commercesuite.localsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Gives a Kafka that authorises the users and ACLs of {@link KafkaAccess#FILE}: a SCRAM-SHA-512
 * credential per user, with the password kept in {@code <secrets-dir>/<user>} (made at random on
 * first use, readable by the owner only, as the gateway's secret), and the file's ACLs. Safe to
 * run again: credentials are set to the kept passwords and existing ACLs stay.
 *
 * <p>Usage: {@code KafkaAccessProvisioner <admin-bootstrap-servers> <secrets-dir> [acl-file]}; the
 * admin's password is {@code <secrets-dir>/admin}, and it connects to the brokers' own listener (SASL
 * PLAIN). The ACL file defaults to {@link KafkaAccess#FILE} under the working directory.
 */
public final class KafkaAccessProvisioner {

    /** The SCRAM mechanism of every user, and the iteration count Kafka's tools use by default. */
    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    static final int ITERATIONS = 4096;
    private static final long CALL_TIMEOUT_SECONDS = 60;

    private KafkaAccessProvisioner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: KafkaAccessProvisioner <admin-bootstrap-servers> <secrets-dir> [acl-file]");
            System.exit(2);
        }
        Path secrets = Path.of(args[1]);
        KafkaAccess access = KafkaAccess.read(Path.of(args.length == 3 ? args[2] : KafkaAccess.FILE));
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : access.users()) {
            passwords.put(user, password(secrets, user));
        }
        try (Admin admin = Admin.create(adminSettings(args[0], password(secrets, KafkaAccess.ADMIN)))) {
            provision(admin, access, passwords);
        }
        System.out.println(passwords.size() + " users (passwords in " + secrets + "), " + access.bindings().size() + " ACLs");
    }

    /** SCRAM credentials for the users, then the file's ACLs. */
    public static void provision(Admin admin, KafkaAccess access, Map<String, String> passwords) throws Exception {
        List<UserScramCredentialAlteration> credentials = access.users().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(MECHANISM, ITERATIONS), requirePassword(passwords, user)))
                .toList();
        admin.alterUserScramCredentials(credentials).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        admin.createAcls(access.bindings()).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String requirePassword(Map<String, String> passwords, String user) {
        String password = passwords.get(user);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("no password for Kafka user " + user);
        }
        return password;
    }

    /** What a service's client sets to be {@code user}: the settings compose and k8s give through SPRING_KAFKA_*. */
    public static Map<String, Object> userSettings(String bootstrap, String user, String password) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM.mechanismName(),
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    /**
     * How the suite's own tools (topics, status, dead letters) connect: as admin on a secured cluster,
     * whose password bin/lib/kafka.sh passes in SUITE_KAFKA_ADMIN_PASSWORD, and without a login (no
     * settings) on a plain one.
     */
    public static Map<String, Object> toolSettings() {
        String password = System.getenv("SUITE_KAFKA_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            return Map.of();
        }
        Map<String, Object> settings = new HashMap<>(adminSettings("", password));
        settings.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        return settings;
    }

    /** The brokers' own user on their own listener. */
    public static Map<String, Object> adminSettings(String bootstrap, String password) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + KafkaAccess.ADMIN + "\" password=\"" + password + "\";");
    }

    /** The kept password of a user, made (24 random bytes, hex) when there is none yet. */
    public static String password(Path secrets, String user) {
        Path file = secrets.resolve(user);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(secrets);
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, HexFormat.of().formatHex(random));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
