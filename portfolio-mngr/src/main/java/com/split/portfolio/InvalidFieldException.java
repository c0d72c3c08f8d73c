package com.split.portfolio;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A field of a posted body that cannot be used: a 400 problem detail naming it, with a message meant for the user. */
public class InvalidFieldException extends ErrorResponseException {

    public InvalidFieldException(String field, String problem) {
        super(HttpStatus.BAD_REQUEST);
        setTitle("Invalid field");
        setDetail(problem);
        getBody().setProperty("field", field);
    }
}
