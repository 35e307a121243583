package com.commercesuite.lag.pass;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.lag.LagProperties;
import org.junit.jupiter.api.Test;

class GroupSelectionTests {

    @Test
    void byDefaultEveryGroupIsMeasuredTestGroupsIncluded() {
        var selection = GroupSelection.of(new LagProperties.Groups(".*", ""));

        assertThat(selection).accepts("data-platform-consumer-group", "data-platform-consumer-group-test");
    }

    @Test
    void theExcludeExpressionLeavesOutWholeMatches() {
        var selection = GroupSelection.of(new LagProperties.Groups(".*", ".*-test"));

        assertThat(selection).accepts("data-platform-consumer-group", "test-runner")
                .rejects("data-platform-consumer-group-test");
    }

    @Test
    void theIncludeExpressionMustMatchTheWholeId() {
        var selection = GroupSelection.of(new LagProperties.Groups("data-platform-.*", null));

        assertThat(selection).accepts("data-platform-consumer-group").rejects("order-saga-consumer-group", "x-data-platform-y");
    }
}
