package com.commercesuite.deployment;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The k8s/ layout as Kubernetes would receive it: the output of {@code kubectl kustomize k8s},
 * parsed document by document. Rendering for real (rather than reading the source files) also
 * proves that the layout, its generators and the directories it includes render at all.
 */
record RenderedManifests(List<Map<String, Object>> documents) {

    static RenderedManifests render(Path kustomization) {
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectError(errors.toFile())
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish in 120 s");
            }
            String stderr = Files.readString(errors);
            Files.deleteIfExists(errors);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + stderr);
            }
            return new RenderedManifests(Yamls.loadAll(output));
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render " + kustomization
                    + " and was not found on the PATH (bin/test installs Debian's kubernetes-client): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static RenderedManifests ofRepository() {
        return render(Repository.path("k8s"));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(Yamls.stringAt(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in the rendered manifests"));
    }

    /** Deployments whose containers run one of the suite's own images. */
    List<Map<String, Object>> serviceDeployments() {
        return ofKind("Deployment").stream()
                .filter(d -> containers(d).stream().anyMatch(c -> Images.isSuiteImage(Yamls.stringAt(c, "image"))))
                .toList();
    }

    /** Deployments and StatefulSets: everything that runs pods. */
    List<Map<String, Object>> workloads() {
        return documents.stream().filter(d -> Set.of("Deployment", "StatefulSet").contains(d.get("kind"))).toList();
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return Yamls.listAt(workload, "spec", "template", "spec", "containers").stream().map(Yamls::map).toList();
    }

    static String name(Map<String, Object> document) {
        return Yamls.stringAt(document, "metadata", "name");
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return Yamls.mapAt(workload, "spec", "template", "metadata", "labels");
    }

    /**
     * Environment variable names a container gets: env entries, and the keys of envFrom ConfigMaps
     * and Secrets (those the operator creates included, see {@link OperatorSecrets}).
     */
    Set<String> environmentOf(Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        for (Object entry : Yamls.listAt(container, "env")) {
            names.add(Yamls.stringAt(entry, "name"));
        }
        for (Object source : Yamls.listAt(container, "envFrom")) {
            String prefix = Yamls.stringAt(source, "prefix") == null ? "" : Yamls.stringAt(source, "prefix");
            String configMap = Yamls.stringAt(source, "configMapRef", "name");
            String secret = Yamls.stringAt(source, "secretRef", "name");
            if (configMap != null) {
                Yamls.mapAt(named("ConfigMap", configMap), "data").keySet().forEach(k -> names.add(prefix + k));
            }
            if (secret != null && OperatorSecrets.created().containsKey(secret)) {
                names.add(prefix + OperatorSecrets.created().get(secret));
            } else if (secret != null) {
                Map<String, Object> document = named("Secret", secret);
                Yamls.mapAt(document, "data").keySet().forEach(k -> names.add(prefix + k));
                Yamls.mapAt(document, "stringData").keySet().forEach(k -> names.add(prefix + k));
            }
        }
        return names;
    }

    /** A Secret's value, decoded (for checks that two resources agree, never printed). */
    String secretValue(String secretName, String key) {
        String encoded = Yamls.stringAt(named("Secret", secretName), "data", key);
        return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return documents.size() + " rendered documents from " + Repository.path("k8s") + File.separator;
    }
}
