package com.commercesuite.localsuite;

import java.util.List;

/**
 * One service's slice of PostgreSQL: a login role, its database and its test database, all of the
 * same name. The password equals the name: loopback only, and the services' local profiles say so.
 */
record ServiceDatabase(String owner) {

    /** Database-per-service; {@code outbox} is the outbox module's own integration-test home. */
    static final List<ServiceDatabase> ALL = List.of(
            new ServiceDatabase("product"),
            new ServiceDatabase("balance"),
            new ServiceDatabase("coupon"),
            new ServiceDatabase("order"),
            new ServiceDatabase("dataplatform"),
            new ServiceDatabase("notification"),
            new ServiceDatabase("outbox"));

    String password() {
        return owner;
    }

    List<String> databases() {
        return List.of(owner, owner + "_test");
    }
}
