package com.commercesuite.dataplatform.consumption;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A benchmark knob, off by default: {@code commerce.data-platform.benchmark.per-record-cost=1ms} makes every
 * listener wait that long per record, like a call to another system would, so that the consumer
 * benchmark measures how instances share the partitions rather than how fast one JVM parses JSON.
 * Never set in a deployment.
 */
@Component
public class PerRecordCost {

    private final Duration cost;

    PerRecordCost(@Value("${commerce.data-platform.benchmark.per-record-cost:0ms}") Duration cost) {
        this.cost = cost;
    }

    /** Waits the cost of {@code records} records. */
    public void spend(int records) {
        if (cost.isZero() || cost.isNegative() || records == 0) {
            return;
        }
        try {
            Thread.sleep(cost.multipliedBy(records));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
