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
    private static final String SUM = "outbox_relay_batch_seconds_sum";
    private static final String COUNT = "outbox_relay_batch_seconds_count";

    /** Each service's metrics when the run began. */
    private final Map<ServiceProcess, ServiceProcess.Metrics> before;

    private RelayBatches(Map<ServiceProcess, ServiceProcess.Metrics> before) {
        this.before = before;
    }

    static RelayBatches start(List<ServiceProcess> services) {
        Map<ServiceProcess, ServiceProcess.Metrics> before = new LinkedHashMap<>();
        services.forEach(service -> before.put(service, service.metrics()));
        return new RelayBatches(before);
    }

    /** Per service: "awaiting the mark / reading / sending" in ms per batch, and how many batches. */
    String finish() {
        List<String> parts = new ArrayList<>();
        before.forEach((service, start) -> {
            ServiceProcess.Metrics end = service.metrics();
            // Every batch records all three phases, so any phase's count is the number of batches.
            double batches = increase(start, end, COUNT, PHASES.getLast());
            if (batches <= 0) {
                parts.add(service.name() + " none");
                return;
            }
            List<String> means = new ArrayList<>();
            for (String phase : PHASES) {
                means.add("%.1f".formatted(increase(start, end, SUM, phase) * 1000 / batches));
            }
            parts.add("%s %s (%.0f batches)".formatted(service.name(), String.join(" / ", means), batches));
        });
        return String.join(", ", parts);
    }

    private static double increase(ServiceProcess.Metrics start, ServiceProcess.Metrics end, String series, String phase) {
        String label = "phase=\"" + phase + "\"";
        return end.max(series, label) - start.max(series, label);
    }
}
