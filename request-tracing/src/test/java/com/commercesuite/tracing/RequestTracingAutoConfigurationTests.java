package com.commercesuite.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class RequestTracingAutoConfigurationTests {

    final AutoConfigurations tracing = AutoConfigurations.of(RequestTracingAutoConfiguration.class);

    @Test
    void aServletWebApplicationGetsTheFilterAmongTheFirst() {
        new WebApplicationContextRunner().withConfiguration(tracing).run(context -> {
            FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(TraceContextFilter.class);
            assertThat(registration.getOrder()).isEqualTo(RequestTracingAutoConfiguration.ORDER);
        });
    }

    @Test
    void anApplicationThatIsNotAServletWebApplicationGetsNoFilter() {
        new ApplicationContextRunner().withConfiguration(tracing)
                .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void theFilterCanBeTurnedOff() {
        new WebApplicationContextRunner().withConfiguration(tracing).withPropertyValues("commerce.tracing.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    }
}
