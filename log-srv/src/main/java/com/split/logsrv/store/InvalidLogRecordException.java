package com.split.logsrv.store;

/** A log record that cannot be stored, and why. */
public class InvalidLogRecordException extends IllegalArgumentException {

    public InvalidLogRecordException(String reason) {
        super(reason);
    }
}
