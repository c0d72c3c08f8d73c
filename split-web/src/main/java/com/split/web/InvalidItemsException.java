package com.split.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A posted item, or a batch of them, that cannot be taken: a 400 problem detail whose {@code errors} name each problem
 * by the item's index in the request (0 for a single item).
 */
public class InvalidItemsException extends ErrorResponseException {

    /** One problem of one item. */
    public record Problem(int index, String message) {}

    public InvalidItemsException(String title, String detail, List<Problem> problems) {
        super(HttpStatus.BAD_REQUEST);
        setTitle(title);
        setDetail(detail);
        getBody().setProperties(Map.of("errors", problems));
    }
}
