package com.commercesuite.lag.pass;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code lagPasses}: UP once a pass finished, DOWN while the latest one failed (the broker cannot be
 * reached). Outside the liveness and readiness groups: restarting the exporter would not bring the
 * broker back.
 */
@Component
class LagPassesHealthIndicator extends AbstractHealthIndicator {

    private final LatestLag latest;

    LagPassesHealthIndicator(LatestLag latest) {
        this.latest = latest;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        LatestLag.PassState state = latest.state();
        if (state.lastPassAt() == null) {
            builder.unknown().withDetail("lastPassAt", "none yet");
            return;
        }
        if (state.failure() != null) {
            builder.down().withDetail("error", state.failure());
        } else {
            builder.up();
        }
        builder.withDetail("lastPassAt", state.lastPassAt().toString())
                .withDetail("complete", state.complete())
                .withDetail("groups", state.snapshot().groups().size());
    }
}
