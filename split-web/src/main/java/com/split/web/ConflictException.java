package com.split.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A request that is well formed but that the task's or queue's current state does not allow: a 409 problem detail. */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String title, String detail) {
        super(HttpStatus.CONFLICT);
        setTitle(title);
        setDetail(detail);
    }
}
