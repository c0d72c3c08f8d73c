package com.split.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Bounds every request body a service's controllers read ({@code @RequestBody}, {@code HttpEntity}): one larger than
 * the limit is a 413 {@link ContentTooLargeException}. A declared {@code Content-Length} over the limit is refused
 * before a byte is read; a chunked body is read up to one byte past the limit and refused there, so that no request
 * makes the service hold more than the limit. A service declares one as a bean, with its own property.
 */
@ControllerAdvice
public class RequestBodyLimit extends RequestBodyAdviceAdapter {

    private final int maxBytes;

    /**
     * @param max the largest body read; at least one byte and less than 2 GiB
     * @param property the property that sets it, named when the limit is invalid
     */
    public RequestBodyLimit(DataSize max, String property) {
        if (max.toBytes() < 1 || max.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException(property + " must be at least 1B and less than 2GB, was " + max);
        }
        this.maxBytes = (int) max.toBytes();
    }

    @Override
    public boolean supports(
            MethodParameter methodParameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        HttpHeaders headers = inputMessage.getHeaders();
        if (headers.getContentLength() > maxBytes) {
            throw tooLarge("is " + headers.getContentLength() + " bytes");
        }
        byte[] body = inputMessage.getBody().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge("is longer");
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    private ContentTooLargeException tooLarge(String size) {
        return new ContentTooLargeException(
                "The request body %s; this API reads at most %d bytes (%s) in one request: send fewer items per request"
                        .formatted(size, maxBytes, readable(maxBytes)),
                maxBytes);
    }

    private static String readable(int bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
