package com.commercesuite.tracing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@link TraceContextFilter} for every servlet web application that has this library (the
 * services get it through the outbox and event-consumer libraries). Off with
 * {@code commerce.tracing.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@ConditionalOnBooleanProperty(name = "commerce.tracing.enabled", matchIfMissing = true)
public class RequestTracingAutoConfiguration {

    /** Among the first filters, so every later filter's log lines already carry the ids. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<TraceContextFilter> traceContextFilter() {
        var registration = new FilterRegistrationBean<>(new TraceContextFilter());
        registration.setOrder(ORDER);
        return registration;
    }
}
