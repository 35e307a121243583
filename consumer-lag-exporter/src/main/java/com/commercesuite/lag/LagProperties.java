package com.commercesuite.lag;

import com.commercesuite.events.ConsumerGroup;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.lag.*}: how often lag is measured, which groups, and how long one pass may wait
 * on the broker.
 *
 * @param interval       pause between the end of one pass and the start of the next
 * @param groups         which consumer groups are measured
 * @param requestTimeout the most a pass waits for the broker's answers (groups, offsets, members)
 * @param readTimeout    the most a pass spends reading the oldest unconsumed records; a partition
 *                       not read in time reports {@code NaN} seconds for that pass
 * @param expectedGroups the groups that must be on the brokers (default: the suite's catalog,
 *                       {@link ConsumerGroup}); one the brokers do not report is a series of its own
 */
@ConfigurationProperties("commerce.lag")
public record LagProperties(
        @DefaultValue("5s") Duration interval,
        @DefaultValue Groups groups,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("3s") Duration readTimeout,
        List<String> expectedGroups) {

    public LagProperties {
        expectedGroups = expectedGroups == null ? ConsumerGroup.groupIds() : List.copyOf(expectedGroups);
    }

    /**
     * @param include a regular expression the whole group id must match
     * @param exclude a regular expression; a group id matching it whole is left out (empty: none)
     */
    public record Groups(@DefaultValue(".*") String include, @DefaultValue("") String exclude) {
    }
}
