package com.commercesuite.gateway.security;

import com.commercesuite.gateway.problem.GatewayProblem;
import com.commercesuite.gateway.problem.ProblemWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Who may call what. Every request passes Spring Security's strict firewall (encoded slashes,
 * "..", and the like are refused); everything under {@code /api} needs a valid bearer token;
 * creating products and coupons, and company-wide analytics, need the admin role; health and
 * metrics stay open. Stateless: no session, no cookie, no CSRF token. Whether a user acts for
 * themself is checked after this, by the route's {@code CallerIsUser} filter.
 *
 * <p>One filter rather than Spring Security's reactive filter chain: measured on the proxied GET,
 * that chain's dozen filters and their operators cost the gateway more CPU per request than routing
 * and proxying together (docs/benchmarks.md, "Gateway"). Tokens are still verified by Spring
 * Security's Nimbus decoder, with its validators.
 */
@Component
@Order(BearerTokenFilter.ORDER)
class BearerTokenFilter implements WebFilter {

    /** Where Spring Security's chain runs: after the request's trace ids, before the body limit. */
    static final int ORDER = -100;

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");
    private static final List<PathPattern> ADMIN_WRITES = List.of(
            PathPatternParser.defaultInstance.parse("/api/products"),
            PathPatternParser.defaultInstance.parse("/api/products/*/restock"),
            PathPatternParser.defaultInstance.parse("/api/coupons"));
    private static final PathPattern ANALYTICS = PathPatternParser.defaultInstance.parse("/api/analytics/**");
    /** The analytics of one user, which routes with CallerIsUser open to that user; the rest are company-wide. */
    private static final List<PathPattern> USER_ANALYTICS = List.of(
            PathPatternParser.defaultInstance.parse("/api/analytics/orders-per-user/*/**"),
            PathPatternParser.defaultInstance.parse("/api/analytics/users/*/**"));
    /** RFC 6750's b64token after "Bearer ", as Spring Security's bearer token converter reads it. */
    private static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9-._~+/]+=*");
    private static final String SCHEME = "bearer ";

    private final ServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
    private final ReactiveJwtDecoder decoder;
    private final ProblemWriter problems;

    BearerTokenFilter(ReactiveJwtDecoder decoder, ProblemWriter problems) {
        this.decoder = decoder;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return firewall.getFirewalledExchange(exchange)
                .flatMap(checked -> authorise(checked, chain))
                .onErrorResume(ServerExchangeRejectedException.class, rejected -> problems.write(exchange,
                        GatewayProblem.of(HttpStatus.BAD_REQUEST, "rejected-request", "The request was rejected: " + rejected.getMessage())));
    }

    private Mono<Void> authorise(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!API.matches(path)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return problems.write(exchange, GatewayProblem.of(HttpStatus.UNAUTHORIZED, "missing-token",
                    "This API needs a bearer token: Authorization: Bearer <token>").withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        String token = header.substring(SCHEME.length());
        if (!TOKEN.matcher(token).matches()) {
            return problems.write(exchange, invalidToken("Bearer token is malformed"));
        }
        return decoder.decode(token)
                .map(Caller::from)
                .flatMap(caller -> {
                    if (!caller.isAdmin() && needsAdmin(exchange, path)) {
                        return problems.write(exchange, GatewayProblem.of(HttpStatus.FORBIDDEN, "forbidden", "This operation needs the admin role"));
                    }
                    caller.attachTo(exchange);
                    return chain.filter(exchange);
                })
                .onErrorResume(JwtException.class, invalid -> problems.write(exchange, invalidToken(invalid.getMessage())));
    }

    private static boolean needsAdmin(ServerWebExchange exchange, PathContainer path) {
        if (ANALYTICS.matches(path)) {
            // Revenue per day, best sellers and whatever company-wide figure comes next are the admins'.
            return USER_ANALYTICS.stream().noneMatch(pattern -> pattern.matches(path));
        }
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && ADMIN_WRITES.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static GatewayProblem invalidToken(String reason) {
        return GatewayProblem.of(HttpStatus.UNAUTHORIZED, "invalid-token", "The bearer token is not valid: " + reason)
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }
}
