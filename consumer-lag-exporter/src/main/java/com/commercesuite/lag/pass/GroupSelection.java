package com.commercesuite.lag.pass;

import com.commercesuite.lag.LagProperties;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The groups measured: ids matching the include expression whole and not the exclude one. */
record GroupSelection(Pattern include, Pattern exclude) implements Predicate<String> {

    static GroupSelection of(LagProperties.Groups groups) {
        String exclude = groups.exclude();
        return new GroupSelection(Pattern.compile(groups.include()),
                exclude == null || exclude.isBlank() ? null : Pattern.compile(exclude));
    }

    @Override
    public boolean test(String group) {
        return include.matcher(group).matches() && (exclude == null || !exclude.matcher(group).matches());
    }
}
