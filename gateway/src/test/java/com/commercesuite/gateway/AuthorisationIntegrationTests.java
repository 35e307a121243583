package com.commercesuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.gateway.GatewayHttp.Answer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A user acts only as themself, by the id in the path or the userId of the body; products and
 * coupons are created by admins, who may also act for anyone. Bodies the gateway reads must be
 * JSON objects within the size limit.
 */
class AuthorisationIntegrationTests extends GatewayIntegrationTest {

    @Test
    void anotherUsersIdInThePathIs403() {
        long me = freshUser();
        long other = freshUser();
        String token = Tokens.user(me);

        assertForbidden(http().get("/api/balances/" + other).token(token).send(), balanceService, "/api/balances/" + other);
        assertForbidden(http().get("/api/balances/" + other + "/entries").token(token).send(),
                balanceService, "/api/balances/" + other + "/entries");
        assertForbidden(http().post("/api/balances/" + other + "/charges", "{\"amount\": 10}").token(token).send(),
                balanceService, "/api/balances/" + other + "/charges");
        assertForbidden(http().get("/api/users/" + other + "/orders").token(token).send(), orderService, "/api/users/" + other + "/orders");
        assertForbidden(http().get("/api/users/" + other + "/coupons").token(token).send(), couponService, "/api/users/" + other + "/coupons");
        assertForbidden(http().get("/api/analytics/orders-per-user/" + other).token(token).send(),
                analytics, "/api/analytics/orders-per-user/" + other);
        assertForbidden(http().get("/api/analytics/users/" + other + "/activity").token(token).send(),
                analytics, "/api/analytics/users/" + other + "/activity");
    }

    @Test
    void aPathThatCouldReachAnotherUserPastTheCheckIsRejected() {
        long me = freshUser();
        long other = freshUser();

        Answer dotDot = http().get("/api/balances/" + me + "/../" + other).token(Tokens.user(me)).send();
        Answer encodedSlash = http().get("/api/balances/" + me + "%2F..%2F" + other).token(Tokens.user(me)).send();

        for (Answer answer : new Answer[] {dotDot, encodedSlash}) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:rejected-request");
        }
        assertThat(balanceService.received("/api/balances/" + other)).isEmpty();
    }

    @Test
    void theForbiddenAnswerSaysWhoMayNotActForWhom() {
        long me = freshUser();
        long other = freshUser();

        Answer answer = http().get("/api/balances/" + other).token(Tokens.user(me)).send();

        assertThat(answer.<String>json("$.detail")).isEqualTo("User " + me + " may act only as themself, not for user " + other);
    }

    @Test
    void ownIdInThePathIsLetThrough() {
        long me = freshUser();
        String token = Tokens.user(me);

        assertThat(http().get("/api/balances/" + me).token(token).send().status()).isEqualTo(200);
        assertThat(http().get("/api/analytics/users/" + me + "/activity").token(token).send().status()).isEqualTo(200);
        assertThat(balanceService.received("/api/balances/" + me)).hasSize(1);
    }

    @Test
    void anotherUsersIdInTheBodyIs403() {
        long me = freshUser();
        long other = freshUser();
        String token = Tokens.user(me);

        assertForbidden(http().post("/api/orders", "{\"userId\": " + other + ", \"items\": []}").token(token).send(),
                orderService, null);
        assertForbidden(http().post("/api/orders", "{\"userId\": \"" + other + "\", \"items\": []}").token(token).send(),
                orderService, null);
        assertForbidden(http().post("/api/coupons/" + me + "/issue", "{\"userId\": " + other + "}").token(token).send(),
                couponService, "/api/coupons/" + me + "/issue");
        assertThat(orderService.received("/api/orders")).noneMatch(r -> new String(r.body()).contains(Long.toString(other)));
    }

    @Test
    void aBodyUserThatNamesNoNumberIs403NotAServerError() {
        long me = freshUser();
        String token = Tokens.user(me);
        for (String userId : new String[] {"{}", "[]", "[1,2]", "{\"a\":1}", "1e400", "-1e400", "true"}) {
            assertForbidden(http().post("/api/orders", "{\"userId\": " + userId + ", \"items\": []}").token(token).send(),
                    orderService, null);
        }
    }

    @Test
    void aBodyNamingTheSameUserTwiceDifferentlyIsRefused() {
        long me = freshUser();
        long other = freshUser();

        Answer answer = http().post("/api/orders", "{\"userId\": " + me + ", \"userId\": " + other + "}").token(Tokens.user(me)).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:malformed-request");
    }

    @Test
    void anAdminMayActForAnyUser() {
        long other = freshUser();
        String admin = Tokens.admin(freshUser());

        assertThat(http().get("/api/balances/" + other).token(admin).send().status()).isEqualTo(200);
        assertThat(http().post("/api/coupons/" + other + "/issue", "{\"userId\": " + other + "}").token(admin).send().status())
                .isEqualTo(200);
        assertThat(couponService.received("/api/coupons/" + other + "/issue")).hasSize(1);
    }

    @Test
    void onlyAnAdminCreatesProductsAndCoupons() {
        long productId = freshUser();
        String user = Tokens.user(freshUser());
        String admin = Tokens.admin(freshUser());
        String restock = "/api/products/" + productId + "/restock";

        assertForbidden(http().post("/api/products", "{\"name\": \"lamp\"}").token(user).send(), productService, "/api/products");
        assertForbidden(http().post(restock, "{\"quantity\": 5}").token(user).send(), productService, restock);
        assertForbidden(http().post("/api/coupons", "{\"name\": \"ten off\"}").token(user).send(), couponService, "/api/coupons");

        assertThat(http().post(restock, "{\"quantity\": 5}").token(admin).send().status()).isEqualTo(200);
        assertThat(productService.received(restock)).hasSize(1);
        assertThat(http().get("/api/products/" + productId).token(user).send().status()).isEqualTo(200);
    }

    @Test
    void companyWideAnalyticsAreForAdminsOnly() {
        long me = freshUser();
        String user = Tokens.user(me);
        String admin = Tokens.admin(freshUser());

        assertForbidden(http().get("/api/analytics/revenue-per-day?days=30").token(user).send(), analytics, "/api/analytics/revenue-per-day");
        assertForbidden(http().get("/api/analytics/best-sellers").token(user).send(), analytics, "/api/analytics/best-sellers");
        // Whatever company-wide figure comes next is the admins' too, until a route scopes it to a user.
        assertForbidden(http().get("/api/analytics/anything-new").token(user).send(), analytics, "/api/analytics/anything-new");
        assertThat(http().get("/api/analytics/orders-per-user/" + me).token(user).send().status()).isEqualTo(200);

        assertThat(http().get("/api/analytics/revenue-per-day?days=30").token(admin).send().status()).isEqualTo(200);
        assertThat(http().get("/api/analytics/best-sellers").token(admin).send().status()).isEqualTo(200);
        assertThat(analytics.received("/api/analytics/revenue-per-day")).hasSize(1);
        assertThat(analytics.received("/api/analytics/best-sellers")).hasSize(1);
    }

    @Test
    void malformedJsonOnACheckedRouteIs400() {
        long me = freshUser();

        Answer answer = http().post("/api/orders", "{\"userId\": " + me + ", \"items\": [").token(Tokens.user(me)).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:malformed-request");
        assertThat(answer.<String>json("$.instance")).isEqualTo("/api/orders");

        Answer notAnObject = http().post("/api/coupons/1/issue", "[1, 2]").token(Tokens.user(me)).send();
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(couponService.received("/api/coupons/1/issue")).isEmpty();
    }

    @Test
    void anOversizedBodyIs413() {
        long me = freshUser();
        String big = "{\"userId\": " + me + ", \"note\": \"" + "x".repeat(70 * 1024) + "\"}";

        Answer declared = http().post("/api/orders", big).token(Tokens.user(me)).send();
        assertTooLarge(declared);

        Answer chunked = http().post("/api/orders", big).chunked().token(Tokens.user(me)).send();
        assertTooLarge(chunked);

        String restock = "/api/products/" + me + "/restock";
        Answer streamed = http().post(restock, big).chunked().token(Tokens.admin(me)).send();
        assertTooLarge(streamed);
        assertThat(orderService.received("/api/orders")).noneMatch(r -> r.body().length > 64 * 1024);
    }

    @Test
    void aBodyJustUnderTheLimitGoesThrough() {
        long me = freshUser();
        String prefix = "{\"userId\": " + me + ", \"note\": \"";
        String suffix = "\"}";
        char[] filler = new char[64 * 1024 - prefix.length() - suffix.length()];
        Arrays.fill(filler, 'y');
        String body = prefix + new String(filler) + suffix;

        Answer answer = http().post("/api/orders", body).chunked().token(Tokens.user(me)).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(orderService.received("/api/orders")).anyMatch(r -> r.body().length == 64 * 1024);
    }

    @Test
    void anOverlongPathOrOversizedHeadersAreRefusedAsProblemsBeforeTheToken() {
        Answer longPath = http().get("/api/products/1/" + "a".repeat(20_000)).token(Tokens.user(freshUser())).send();
        assertThat(longPath.status()).isEqualTo(414);
        assertThat(longPath.contentType()).isEqualTo("application/problem+json");
        assertThat(longPath.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:uri-too-long");

        Answer bigHeader = http().get("/api/products/1").header("X-Padding", "p".repeat(20_000)).send();
        assertThat(bigHeader.status()).isEqualTo(431);
        assertThat(bigHeader.contentType()).isEqualTo("application/problem+json");
        assertThat(bigHeader.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:request-header-fields-too-large");
    }

    private static void assertTooLarge(Answer answer) {
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:content-too-large");
    }

    private static void assertForbidden(Answer answer, StandInService service, String path) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:forbidden");
        assertThat(answer.<Integer>json("$.status")).isEqualTo(403);
        assertThat(answer.<String>json("$.requestId")).isNotBlank();
        if (path != null) {
            assertThat(service.received(path)).isEmpty();
        }
    }
}
