package com.commercesuite.events;

/**
 * The one naming rule for event types: the record's simple name in upper snake case, so
 * {@code OrderCompleted} travels as {@code ORDER_COMPLETED}.
 */
public final class EventTypes {

    private EventTypes() {
    }

    public static String of(Class<? extends DomainEvent> eventClass) {
        return toUpperSnake(eventClass.getSimpleName());
    }

    static String toUpperSnake(String camelCase) {
        var out = new StringBuilder(camelCase.length() + 8);
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }
}
