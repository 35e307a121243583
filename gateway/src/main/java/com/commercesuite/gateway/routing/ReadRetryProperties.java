package com.commercesuite.gateway.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retries how many more times a GET is sent after a failed attempt (0 turns retries off)
 * @param firstBackoff the pause before the first retry; it doubles for each further one
 */
@ConfigurationProperties("commerce.gateway.read-retry")
record ReadRetryProperties(@DefaultValue("2") int retries, @DefaultValue("50ms") Duration firstBackoff) {
}
