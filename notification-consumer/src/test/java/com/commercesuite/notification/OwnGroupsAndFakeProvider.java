package com.commercesuite.notification;

import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What an integration test class runs the service against: share groups of its own (a group prefix
 * unique to the class and the run) and the provider played in the test JVM, stopped after the class.
 * A static {@code @RegisterExtension} field of the class, whose {@code @DynamicPropertySource} hands
 * it the registry.
 */
public final class OwnGroupsAndFakeProvider implements AfterAllCallback {

    /** Fixed here, as the property's supplier is asked again at every lookup. */
    private final String groupPrefix = "notification-test-" + UUID.randomUUID();
    private final FakeProvider provider = FakeProvider.start();

    public String groupPrefix() {
        return groupPrefix;
    }

    public FakeProvider provider() {
        return provider;
    }

    public void addTo(DynamicPropertyRegistry registry) {
        registry.add("commerce.notification.group-prefix", () -> groupPrefix);
        registry.add("commerce.notification.provider.url", provider::url);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        provider.close();
    }
}
