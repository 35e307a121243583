package com.commercesuite.lag.pass;

import com.commercesuite.lag.measure.LagSnapshot;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The latest pass's figures and how the latest pass went, for the JSON view and the health check. */
@Component
public class LatestLag {

    /** @param failure why the latest pass failed, or null when it finished (complete or not) */
    public record PassState(LagSnapshot snapshot, Instant lastPassAt, boolean complete, String failure) {
    }

    private final AtomicReference<PassState> state =
            new AtomicReference<>(new PassState(LagSnapshot.NONE, null, false, null));

    public LagSnapshot snapshot() {
        return state.get().snapshot();
    }

    public PassState state() {
        return state.get();
    }

    void finished(PassOutcome outcome) {
        state.set(new PassState(outcome.snapshot(), outcome.snapshot().takenAt(), outcome.complete(), null));
    }

    void failed(Instant at, String failure) {
        state.updateAndGet(before -> new PassState(before.snapshot(), at, false, failure));
    }
}
