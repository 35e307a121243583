package com.commercesuite.gateway.requestsize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxUriLength the longest path and query the gateway accepts (414 above it)
 * @param maxHeaderSize the most header bytes, names and values, it accepts (431 above it); the
 *        services behind it read at most 8 KB, the gateway's own headers included
 */
@ConfigurationProperties("commerce.gateway.head")
record HeadLimitProperties(@DefaultValue("4KB") DataSize maxUriLength, @DefaultValue("6KB") DataSize maxHeaderSize) {
}
