package com.commercesuite.notification.delivery;

import com.commercesuite.notification.messages.Notification;
import java.net.http.HttpClient;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The outside provider that delivers messages (e-mail, push, SMS: not this service's concern). A
 * message carries an {@code Idempotency-Key} header, the same for every delivery of one event to one
 * customer, so a send repeated after a crash or a lost answer is delivered by the provider only once.
 */
@Component
class MessageProvider {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RestClient http;

    MessageProvider(NotificationProperties properties) {
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.provider().connectTimeout())
                .build());
        factory.setReadTimeout(properties.provider().timeout());
        this.http = RestClient.builder().baseUrl(properties.provider().url().toString()).requestFactory(factory).build();
    }

    record Message(long recipientId, String kind, String text) {
    }

    record Accepted(String messageId, boolean duplicate) {
    }

    /** Returns once the provider took the message; throws when it did not. */
    Accepted send(Notification notification) {
        try {
            Accepted accepted = http.post()
                    .header(IDEMPOTENCY_KEY, notification.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Message(notification.recipientId(), notification.kind(), notification.text()))
                    .retrieve()
                    .body(Accepted.class);
            return accepted == null ? new Accepted(null, false) : accepted;
        } catch (RestClientException e) {
            throw new ProviderFailedException(e.getMessage(), e);
        }
    }
}
