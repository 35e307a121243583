package com.commercesuite.web.problems;

/**
 * The {@code Idempotency-Key} header every service that makes a retried request safe reads the same
 * way: required (a missing header is Spring's 400 naming it), 1 to {@value #MAX_LENGTH} characters,
 * not blank.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 100;

    private IdempotencyKeys() {
    }

    /**
     * @return the key, when it is one
     * @throws InvalidIdempotencyKeyException when it is blank or longer than {@value #MAX_LENGTH}
     */
    public static String requireValid(String key) {
        if (key.isBlank() || key.length() > MAX_LENGTH) {
            throw new InvalidIdempotencyKeyException(HEADER + " must be 1 to " + MAX_LENGTH + " characters, not blank");
        }
        return key;
    }
}
