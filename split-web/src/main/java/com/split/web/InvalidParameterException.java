package com.split.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A request parameter or path variable that cannot be used: a 400 problem detail naming it. */
public class InvalidParameterException extends ErrorResponseException {

    public InvalidParameterException(String parameter, String problem) {
        super(HttpStatus.BAD_REQUEST);
        setTitle("Invalid parameter");
        setDetail("Parameter '%s' %s".formatted(parameter, problem));
        getBody().setProperty("parameter", parameter);
    }
}
