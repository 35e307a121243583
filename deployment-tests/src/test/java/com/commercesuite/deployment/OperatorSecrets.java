package com.commercesuite.deployment;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Secrets k8s/ refers to but does not contain: the operator creates them with
 * k8s/create-secrets.sh, one {@code create_secret <name> <key>} line each.
 */
final class OperatorSecrets {

    static final String SCRIPT = "k8s/create-secrets.sh";
    private static final Pattern CREATE = Pattern.compile("(?m)^create_secret\\s+(\\S+)\\s+(\\S+)");

    private OperatorSecrets() {
    }

    /** Secret name -> its one key. */
    static Map<String, String> created() {
        Map<String, String> secrets = new TreeMap<>();
        CREATE.matcher(Repository.read(SCRIPT)).results().forEach(m -> secrets.put(m.group(1), m.group(2)));
        return secrets;
    }
}
