package com.commercesuite.gateway.requestsize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxSize the largest request body the gateway accepts (413 above it) */
@ConfigurationProperties("commerce.gateway.body")
record BodyLimitProperties(@DefaultValue("64KB") DataSize maxSize) {
}
