package com.commercesuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.gateway.GatewayHttp.Answer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Everything under /api needs a valid bearer token; a refused one never reaches a service. */
class AuthenticationIntegrationTests extends GatewayIntegrationTest {

    @Test
    void aRequestWithoutATokenIs401() {
        String path = "/api/products/" + UUID.randomUUID();

        Answer answer = http().get(path).send();

        assertUnauthenticated(answer, "missing-token", path);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void anExpiredTokenIs401() {
        String path = "/api/products/" + UUID.randomUUID();

        Answer answer = http().get(path).token(Tokens.expired(freshUser())).send();

        assertUnauthenticated(answer, "invalid-token", path);
        assertThat(answer.<String>json("$.detail")).containsIgnoringCase("expired");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void aMalformedTokenIs401() {
        String path = "/api/products/" + UUID.randomUUID();

        assertUnauthenticated(http().get(path).token("not-a-jwt").send(), "invalid-token", path);
        assertUnauthenticated(http().get(path).token("eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln").send(), "invalid-token", path);
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() {
        String path = "/api/products/" + UUID.randomUUID();

        assertUnauthenticated(http().get(path).token(Tokens.signedWithAnotherKey(freshUser())).send(), "invalid-token", path);
    }

    @Test
    void aTokenWhoseSubjectIsNoUserIdIs401() {
        String path = "/api/products/" + UUID.randomUUID();

        assertUnauthenticated(http().get(path).token(Tokens.withSubject("alice")).send(), "invalid-token", path);
    }

    @Test
    void aTokenOfAnotherIssuerOrWithoutOneIs401() {
        String path = "/api/products/" + UUID.randomUUID();

        for (String token : new String[] {
                Tokens.issuedBy("https://issuer.example", Tokens.AUDIENCE, freshUser()),
                Tokens.issuedBy(null, Tokens.AUDIENCE, freshUser())}) {
            Answer answer = http().get(path).token(token).send();

            assertUnauthenticated(answer, "invalid-token", path);
            assertThat(answer.<String>json("$.detail")).contains("iss");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void aTokenForAnotherAudienceOrWithoutOneIs401() {
        String path = "/api/products/" + UUID.randomUUID();

        for (String token : new String[] {
                Tokens.issuedBy(Tokens.ISSUER, "another-api", freshUser()),
                Tokens.issuedBy(Tokens.ISSUER, null, freshUser())}) {
            Answer answer = http().get(path).token(token).send();

            assertUnauthenticated(answer, "invalid-token", path);
            assertThat(answer.<String>json("$.detail")).contains("aud");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void aValidTokenIsLetThrough() {
        String path = "/api/products/" + UUID.randomUUID();

        Answer answer = http().get(path).token(Tokens.user(freshUser())).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(productService.received(path)).hasSize(1);
    }

    private static void assertUnauthenticated(Answer answer, String problem, String path) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:" + problem);
        assertThat(answer.<String>json("$.title")).isEqualTo("Unauthorized");
        assertThat(answer.<Integer>json("$.status")).isEqualTo(401);
        assertThat(answer.<String>json("$.instance")).isEqualTo(path);
        assertThat(answer.<String>json("$.requestId")).isEqualTo(answer.header("X-Request-Id")).isNotBlank();
        assertThat(productService.received(path)).isEmpty();
    }
}
