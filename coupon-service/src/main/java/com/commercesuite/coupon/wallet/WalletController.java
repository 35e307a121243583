package com.commercesuite.coupon.wallet;

import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WalletController {

    private final UserCoupons wallets;

    WalletController(UserCoupons wallets) {
        this.wallets = wallets;
    }

    /** The user's coupons, oldest first; an unknown user simply has none. */
    @GetMapping("/api/users/{userId}/coupons")
    List<UserCouponView> coupons(@PathVariable @Positive long userId) {
        return wallets.ofUser(userId);
    }
}
