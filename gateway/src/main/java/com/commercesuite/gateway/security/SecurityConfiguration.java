package com.commercesuite.gateway.security;

import com.commercesuite.gateway.problem.GatewayProblem;
import com.commercesuite.gateway.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * Who may call what. Everything under {@code /api} needs a valid bearer token; creating products
 * and coupons needs the admin role; health and metrics stay open. Stateless: no session, no
 * cookie, no CSRF token (nothing here is authenticated by a browser's ambient credentials).
 * Whether a user acts for themself is checked after this, by the route's {@code CallerIsUser} filter.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication, ProblemWriter problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, failure) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(failure));
            return problems.write(exchange, unauthenticated(failure));
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> problems.write(exchange,
                GatewayProblem.of(HttpStatus.FORBIDDEN, "forbidden", "This operation needs the admin role"));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/products", "/api/products/*/restock", "/api/coupons").hasRole(Caller.ADMIN)
                        .pathMatchers("/api/**").authenticated()
                        // Anything else has no route and is answered 404 by the gateway.
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /** Requests the firewall refuses (encoded slashes, "..", and the like) get a problem answer too. */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(ProblemWriter problems) {
        return (exchange, rejected) -> problems.write(exchange,
                GatewayProblem.of(HttpStatus.BAD_REQUEST, "rejected-request", "The request was rejected: " + rejected.getMessage()));
    }

    private static GatewayProblem unauthenticated(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException invalid) {
            String reason = invalid.getError().getDescription();
            return GatewayProblem.of(HttpStatus.UNAUTHORIZED, "invalid-token",
                    "The bearer token is not valid" + (reason == null ? "" : ": " + reason));
        }
        return GatewayProblem.of(HttpStatus.UNAUTHORIZED, "missing-token",
                "This API needs a bearer token: Authorization: Bearer <token>");
    }

    /** RFC 6750: name the error when a token was sent, only the scheme when none was. */
    private static String challenge(AuthenticationException failure) {
        return failure instanceof OAuth2AuthenticationException ? "Bearer error=\"invalid_token\"" : "Bearer";
    }
}
