package com.commercesuite.balance.charge;

import com.commercesuite.balance.ledger.UserIds;
import com.commercesuite.web.problems.IdempotencyKeys;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Charges a user's balance; the client's Idempotency-Key makes a retried request safe. */
@RestController
class ChargeController {

    private final ChargingBalance charging;

    ChargeController(ChargingBalance charging) {
        this.charging = charging;
    }

    @PostMapping("/api/balances/{userId}/charges")
    ChargeReceipt charge(@PathVariable long userId,
                         @RequestHeader(IdempotencyKeys.HEADER) String idempotencyKey,
                         @Valid @RequestBody ChargeRequest request) {
        UserIds.requirePositive(userId);
        return charging.charge(userId, IdempotencyKeys.requireValid(idempotencyKey), request.amount());
    }
}
