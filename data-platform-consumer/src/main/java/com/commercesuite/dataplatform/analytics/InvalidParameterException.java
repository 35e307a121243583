package com.commercesuite.dataplatform.analytics;

/** A request parameter outside what the analytics API accepts. */
class InvalidParameterException extends RuntimeException {

    private final String parameter;

    InvalidParameterException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
