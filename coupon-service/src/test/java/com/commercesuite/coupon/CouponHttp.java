package com.commercesuite.coupon;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The service's HTTP API as the tests call it: statuses are returned, never thrown. */
public final class CouponHttp {

    private final RestClient http;

    public CouponHttp(int port) {
        this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {
                })
                .build();
    }

    public record Answer(int status, String contentType, String body) {

        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    public Answer post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        String.valueOf(response.getHeaders().getContentType()), new String(response.getBody().readAllBytes())));
    }

    public Answer get(String path) {
        return http.get().uri(path)
                .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        String.valueOf(response.getHeaders().getContentType()), new String(response.getBody().readAllBytes())));
    }

    /** Creates a coupon valid from a minute ago for a day and returns its id. */
    public long createCoupon(int quantity, String discountType, String discountValue) {
        Instant now = Instant.now();
        return createCoupon(quantity, discountType, discountValue, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1)));
    }

    public long createCoupon(int quantity, String discountType, String discountValue, Instant validFrom, Instant validUntil) {
        Answer created = post("/api/coupons", Map.of(
                "name", "test coupon " + TestIds.next(),
                "quantity", quantity,
                "discountType", discountType,
                "discountValue", discountValue,
                "validFrom", validFrom.toString(),
                "validUntil", validUntil.toString()));
        if (created.status() != 201) {
            throw new IllegalStateException("coupon not created: " + created);
        }
        return ((Number) created.json("$.id")).longValue();
    }

    public Answer issue(long couponId, long userId) {
        return post("/api/coupons/" + couponId + "/issue", Map.of("userId", userId));
    }
}
