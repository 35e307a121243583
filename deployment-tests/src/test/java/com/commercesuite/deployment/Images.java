package com.commercesuite.deployment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The suite's image names: commerce-suite/<maven module>:<tag>, built by the one Dockerfile. */
final class Images {

    static final String PREFIX = "commerce-suite/";
    private static final Pattern SUITE_IMAGE = Pattern.compile("commerce-suite/([a-z0-9-]+):([A-Za-z0-9._-]+)");

    private Images() {
    }

    static boolean isSuiteImage(String image) {
        return image != null && image.startsWith(PREFIX);
    }

    /** The module an image is built from, or an AssertionError if the name does not follow the pattern. */
    static String moduleOf(String image) {
        Matcher matcher = SUITE_IMAGE.matcher(image);
        if (!matcher.matches() || "latest".equals(matcher.group(2))) {
            throw new AssertionError("image " + image + " is not commerce-suite/<module>:<version>");
        }
        return matcher.group(1);
    }
}
