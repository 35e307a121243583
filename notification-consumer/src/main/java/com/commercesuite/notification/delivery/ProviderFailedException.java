package com.commercesuite.notification.delivery;

/** The provider did not take the message: it refused it, failed, or did not answer in time. */
class ProviderFailedException extends RuntimeException {

    ProviderFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
