package com.commercesuite.localsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * Who may do what on a Kafka that authorises: {@code local-suite/config/kafka-acls.txt}, read. Each
 * line grants one user one operation on one type of resource, for every name after it; the brokers'
 * own user is a super user and has no line.
 */
public record KafkaAccess(List<Grant> grants) {

    /** The file, relative to the repository's root. */
    public static final String FILE = "local-suite/config/kafka-acls.txt";
    /** The brokers' own user (a super user): inter-broker and controller traffic, provisioning. */
    public static final String ADMIN = "admin";

    public KafkaAccess {
        grants = List.copyOf(grants);
    }

    /** One line: {@code user operation type name...}. */
    public record Grant(String user, AclOperation operation, ResourceType type, List<String> names) {

        public Grant {
            names = List.copyOf(names);
        }

        List<AclBinding> bindings() {
            return names.stream().map(name -> new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW))).toList();
        }
    }

    public static KafkaAccess read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaAccess parse(List<String> lines) {
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 4) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'user operation type name...', got: " + line);
            }
            AclOperation operation = SecurityUtils.operation(words[1]);
            ResourceType type = SecurityUtils.resourceType(words[2]);
            if (operation == AclOperation.UNKNOWN || type == ResourceType.UNKNOWN) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown operation or resource type: " + line);
            }
            grants.add(new Grant(words[0], operation, type, Arrays.asList(words).subList(3, words.length)));
        }
        return new KafkaAccess(grants);
    }

    /** Every user that has a line, in the file's order. */
    public Set<String> users() {
        Set<String> users = new LinkedHashSet<>();
        grants.forEach(grant -> users.add(grant.user()));
        return users;
    }

    /** The ACLs to create: one per grant and name. */
    public List<AclBinding> bindings() {
        return grants.stream().flatMap(grant -> grant.bindings().stream()).toList();
    }

    /** The names a user's grants of one operation on one resource type cover. */
    public Set<String> names(String user, AclOperation operation, ResourceType type) {
        Set<String> names = new LinkedHashSet<>();
        grants.stream().filter(g -> g.user().equals(user) && g.operation() == operation && g.type() == type)
                .forEach(g -> names.addAll(g.names()));
        return names;
    }
}
