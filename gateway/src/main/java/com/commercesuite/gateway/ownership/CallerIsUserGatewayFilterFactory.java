package com.commercesuite.gateway.ownership;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;

/**
 * A user acts only as themself, declared per route: {@code CallerIsUser=path,<variable>} names a
 * variable of the route's {@code Path} predicate, {@code CallerIsUser=body,<field>} a top-level
 * field of its JSON body. The user named there must be the caller unless the caller is an admin
 * (403 otherwise). Placed before {@code UserRateLimit} on a route, a refused request spends no
 * token.
 */
@Component
class CallerIsUserGatewayFilterFactory extends AbstractGatewayFilterFactory<CallerIsUserGatewayFilterFactory.Config> {

    CallerIsUserGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("in", "name");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String name = config.getName();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("CallerIsUser needs the name of the path variable or body field");
        }
        return switch (String.valueOf(config.getIn())) {
            case "path" -> new UserInPath(name);
            case "body" -> new UserInBody(name);
            default -> throw new IllegalArgumentException(
                    "CallerIsUser=" + config.getIn() + "," + name + ": the user is 'path' or 'body', not " + config.getIn());
        };
    }

    /** Bound from the route definition. */
    public static class Config {

        private String in;
        private String name;

        public String getIn() {
            return in;
        }

        public void setIn(String in) {
            this.in = in;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
