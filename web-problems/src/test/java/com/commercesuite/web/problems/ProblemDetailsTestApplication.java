package com.commercesuite.web.problems;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A small API that fails in every way a client or the server can make it fail. */
@SpringBootApplication
class ProblemDetailsTestApplication {

    record Line(@Positive long productId, @Positive int quantity) {
    }

    record Basket(@NotBlank String owner, @NotEmpty List<@Valid Line> lines) {
    }

    static class BasketNotFoundException extends NotFoundException {
        BasketNotFoundException(long id) {
            super("basket " + id + " does not exist");
        }
    }

    static class BasketSoldOutException extends GoneException {
        BasketSoldOutException() {
            super("no baskets left");
        }
    }

    static class BasketOfAnotherOwnerException extends ForbiddenException {
        BasketOfAnotherOwnerException() {
            super("the basket belongs to someone else");
        }
    }

    static class BasketStoreBusyException extends UnavailableException {
        BasketStoreBusyException() {
            super("the basket store did not answer in time", Duration.ofSeconds(2));
        }
    }

    @RestController
    static class BasketController {

        @PostMapping("/baskets")
        Basket create(@Valid @RequestBody Basket basket, @RequestHeader(IdempotencyKeys.HEADER) String key) {
            IdempotencyKeys.requireValid(key);
            if (key.equals("used-for-another-basket")) {
                throw new IdempotencyKeyReusedException("Idempotency-Key '" + key + "' was used for another basket");
            }
            return basket;
        }

        @GetMapping("/baskets/{id}")
        Basket find(@PathVariable long id) {
            throw new BasketNotFoundException(id);
        }

        @GetMapping("/baskets")
        List<Basket> list(@RequestParam @Positive int size) {
            return List.of();
        }

        @PostMapping("/baskets/claims")
        void claim() {
            throw new BasketSoldOutException();
        }

        @PostMapping("/baskets/{id}/checkout")
        void checkout(@PathVariable long id) {
            throw new BasketOfAnotherOwnerException();
        }

        @PostMapping("/baskets/discounts")
        void discount() {
            throw new InvalidInputException("percent", "percent must be at most 100");
        }

        @PostMapping("/baskets/{id}/save")
        void save(@PathVariable long id) {
            throw new BasketStoreBusyException();
        }

        @GetMapping("/baskets/{id}/lines")
        List<Basket> lines(@PathVariable long id) {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection: Connection refused (secret-host:5432)");
        }

        @PostMapping("/baskets/{id}/lock")
        void lock(@PathVariable long id) {
            throw new CannotAcquireLockException("could not obtain lock on row in relation \"baskets\"");
        }

        @GetMapping("/baskets/broken")
        void broken() {
            throw new IllegalStateException("secret internal detail");
        }
    }
}
