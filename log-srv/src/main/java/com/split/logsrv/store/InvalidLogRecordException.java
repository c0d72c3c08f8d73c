package com.split.logsrv.store;

/** A log record that cannot be stored, and why. */
public class InvalidLogRecordException extends RuntimeException {

    public InvalidLogRecordException(String reason) {
        super(reason);
    }
}
