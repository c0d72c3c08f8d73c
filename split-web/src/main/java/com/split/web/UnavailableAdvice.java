package com.split.web;

import com.split.tasks.bus.BusUnavailableException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Redis or MySQL away: a 503 problem detail with {@code Retry-After}, so that clients retry rather than take a 500 for
 * a bug. Nothing was changed by the failed request, or it is safe to repeat (journal writes are idempotent).
 */
@RestControllerAdvice
public class UnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(UnavailableAdvice.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        return unavailable("The journal database is unavailable", e);
    }

    @ExceptionHandler({BusUnavailableException.class, RedisException.class})
    ResponseEntity<ProblemDetail> redisUnavailable(Exception e) {
        return unavailable("Redis is unavailable", e);
    }

    private static ResponseEntity<ProblemDetail> unavailable(String title, Exception e) {
        log.warn("{}: {}", title, e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Try again shortly: " + e.getClass().getSimpleName());
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
