package com.commercesuite.web.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A request whose Content-Type names no concrete type ({@code *}/{@code *}, {@code application/*})
 * or cannot be parsed is refused as 415 before a handler reads it: Spring's request wrapper rejects
 * such a header with an IllegalArgumentException, which would otherwise be a server error.
 */
final class ReadableContentType implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException {
        String header = request.getContentType();
        if (header == null) {
            return true;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException unparsable) {
            throw new HttpMediaTypeNotSupportedException("Content-Type '" + header + "' cannot be read: " + unparsable.getMessage());
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.valueOf(request.getMethod()));
        }
        return true;
    }
}
