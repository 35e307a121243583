package com.commercesuite.balance.charge;

import com.commercesuite.balance.ledger.UserIds;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Charges a user's balance; the client's Idempotency-Key makes a retried request safe. */
@RestController
class ChargeController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 100;

    private final ChargingBalance charging;

    ChargeController(ChargingBalance charging) {
        this.charging = charging;
    }

    @PostMapping("/api/balances/{userId}/charges")
    ChargeReceipt charge(@PathVariable long userId,
                         @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
                         @Valid @RequestBody ChargeRequest request) {
        UserIds.requirePositive(userId);
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new InvalidIdempotencyKeyException(
                    IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_LENGTH + " characters, not blank");
        }
        return charging.charge(userId, idempotencyKey, request.amount());
    }
}
