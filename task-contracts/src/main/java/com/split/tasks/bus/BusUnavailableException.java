package com.split.tasks.bus;

/** Redis did not answer in time or the wait was interrupted; the operation may or may not have happened. */
public final class BusUnavailableException extends RuntimeException {

    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
