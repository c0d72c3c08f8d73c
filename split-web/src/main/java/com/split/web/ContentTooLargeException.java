package com.split.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request larger than the API takes, in bytes or in items: a 413 problem detail whose {@code detail} names the limit
 * and whose {@code limit} holds it, so that a client can split what it sends and try again.
 */
public class ContentTooLargeException extends ErrorResponseException {

    public ContentTooLargeException(String detail, long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE);
        setTitle("Content too large");
        setDetail(detail);
        getBody().setProperties(Map.of("limit", limit));
    }
}
