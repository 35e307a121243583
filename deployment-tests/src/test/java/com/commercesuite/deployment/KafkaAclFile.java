package com.commercesuite.deployment;

import java.util.Set;
import java.util.TreeSet;

/**
 * local-suite/config/kafka-acls.txt, the one statement of who may do what on Kafka, as the set of
 * single ACLs it grants ({@code user operation type name...} lines, one ACL per name), in the file's
 * own spelling, which is Strimzi's. Read here rather than through local-suite's KafkaAccess: that
 * module is the broker's class path, and depending on it would make these tests build and run its
 * Kafka integration tests.
 */
final class KafkaAclFile {

    static final String PATH = "local-suite/config/kafka-acls.txt";
    /** The name Kafka gives the one cluster resource; Strimzi's {@code {type: cluster}} has none. */
    static final String CLUSTER = "kafka-cluster";

    /** One ACL: a user may do an operation on a named resource of a type. */
    record Acl(String user, String operation, String type, String name) implements Comparable<Acl> {

        @Override
        public int compareTo(Acl other) {
            return toString().compareTo(other.toString());
        }
    }

    private KafkaAclFile() {
    }

    static Set<Acl> acls() {
        Set<Acl> acls = new TreeSet<>();
        Repository.read(PATH).lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            String[] words = line.split("\\s+");
            for (int i = 3; i < words.length; i++) {
                acls.add(new Acl(words[0], words[1], words[2], words[i]));
            }
        });
        return acls;
    }

    static Set<String> users() {
        Set<String> users = new TreeSet<>();
        acls().forEach(acl -> users.add(acl.user()));
        return users;
    }

    /** The names of one user's ACLs of an operation on a type. */
    static Set<String> names(String user, String operation, String type) {
        Set<String> names = new TreeSet<>();
        acls().stream().filter(a -> a.user().equals(user) && a.operation().equals(operation) && a.type().equals(type))
                .forEach(a -> names.add(a.name()));
        return names;
    }
}
