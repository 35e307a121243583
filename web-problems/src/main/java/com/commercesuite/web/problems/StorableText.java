package com.commercesuite.web.problems;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text in a request body that PostgreSQL cannot store (a NUL character) is refused while the body is
 * read, as a malformed request (400), rather than failing the transaction later as a server error.
 */
final class StorableText extends StringDeserializer {

    static SimpleModule module() {
        return new SimpleModule("storable-text").addDeserializer(String.class, new StorableText());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        String text = super.deserialize(parser, context);
        if (text != null && text.indexOf('\u0000') >= 0) {
            return (String) context.handleWeirdStringValue(String.class, text, "text may not contain the NUL character (\\u0000)");
        }
        return text;
    }
}
