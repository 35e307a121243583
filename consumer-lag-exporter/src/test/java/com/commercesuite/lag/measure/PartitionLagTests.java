package com.commercesuite.lag.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.lag.measure.PartitionLag.OldestUnconsumed;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartitionLagTests {

    static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    @Test
    void lagInRecordsIsTheEndOffsetMinusTheCommittedOne() {
        var lag = PartitionLag.of("t", 0, 4, 10, new OldestUnconsumed.At(NOW.minusSeconds(120)), NOW);

        assertThat(lag.lagRecords()).isEqualTo(6);
        assertThat(lag.lagSeconds()).isEqualTo(120.0);
    }

    @Test
    void aGroupThatConsumedEverythingIsZeroRecordsAndZeroSecondsBehind() {
        var lag = PartitionLag.of("t", 0, 10, 10, new OldestUnconsumed.Unknown(), NOW);

        assertThat(lag.lagRecords()).isZero();
        assertThat(lag.lagSeconds()).isZero();
    }

    @Test
    void aCommittedOffsetBeyondTheEndIsNoLag() {
        var lag = PartitionLag.of("t", 0, 12, 10, new OldestUnconsumed.At(NOW.minusSeconds(5)), NOW);

        assertThat(lag.lagRecords()).isZero();
        assertThat(lag.lagSeconds()).isZero();
    }

    @Test
    void anOldestRecordNotReadIsNotANumberOfSeconds() {
        assertThat(PartitionLag.of("t", 0, 4, 10, new OldestUnconsumed.Unknown(), NOW).lagSeconds()).isNaN();
    }

    @Test
    void onlyTransactionMarkersLeftIsZeroSeconds() {
        assertThat(PartitionLag.of("t", 0, 9, 10, new OldestUnconsumed.NoneLeft(), NOW).lagSeconds()).isZero();
    }

    @Test
    void aRecordStampedInTheFutureIsNoAge() {
        assertThat(PartitionLag.of("t", 0, 4, 10, new OldestUnconsumed.At(NOW.plusSeconds(30)), NOW).lagSeconds()).isZero();
    }
}
