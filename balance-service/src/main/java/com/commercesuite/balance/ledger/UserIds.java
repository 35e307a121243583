package com.commercesuite.balance.ledger;

/** User ids in paths are positive longs; anything else is the client's mistake. */
public final class UserIds {

    private UserIds() {
    }

    public static long requirePositive(long userId) {
        if (userId <= 0) {
            throw new InvalidUserIdException("userId must be a positive number, was " + userId);
        }
        return userId;
    }
}
