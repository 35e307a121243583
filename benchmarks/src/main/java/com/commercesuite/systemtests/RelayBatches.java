package com.commercesuite.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relays' own account of the batches they sent over a run ({@code outbox_relay_batch_seconds}
 * from each service's metrics): the mean batch's wait for the previous batch's mark, its read and its
 * send until the last acknowledgement. Says whether the database or the brokers hold a saga hop up.
 */
final class RelayBatches {

    private static final List<String> PHASES = List.of("awaiting_mark", "reading", "sending");

    private final Map<ServiceProcess, double[]> before;

    private RelayBatches(Map<ServiceProcess, double[]> before) {
        this.before = before;
    }

    static RelayBatches start(List<ServiceProcess> services) {
        Map<ServiceProcess, double[]> before = new LinkedHashMap<>();
        services.forEach(service -> before.put(service, read(service)));
        return new RelayBatches(before);
    }

    /** Per service: "awaiting the mark / reading / sending" in ms per batch, and how many batches. */
    String finish() {
        List<String> parts = new ArrayList<>();
        before.forEach((service, start) -> {
            double[] end = read(service);
            double batches = end[2 * PHASES.size() - 1] - start[2 * PHASES.size() - 1];
            if (batches <= 0) {
                parts.add(service.name() + " none");
                return;
            }
            List<String> means = new ArrayList<>();
            for (int i = 0; i < PHASES.size(); i++) {
                means.add("%.1f".formatted((end[2 * i] - start[2 * i]) * 1000 / (end[2 * i + 1] - start[2 * i + 1])));
            }
            parts.add("%s %s (%.0f batches)".formatted(service.name(), String.join(" / ", means), batches));
        });
        return String.join(", ", parts);
    }

    /** Each phase's seconds in all and its count, in the order of {@link #PHASES}. */
    private static double[] read(ServiceProcess service) {
        double[] values = new double[2 * PHASES.size()];
        for (int i = 0; i < PHASES.size(); i++) {
            String label = "phase=\"" + PHASES.get(i) + "\"";
            values[2 * i] = service.metric("outbox_relay_batch_seconds_sum", label);
            values[2 * i + 1] = service.metric("outbox_relay_batch_seconds_count", label);
        }
        return values;
    }
}
