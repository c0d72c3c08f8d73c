package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisLoadingException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which failures a caller waits out as an outage, and which are its own to handle. */
class BusRedisTests {

    static void assertAwaitThrows(RuntimeException failure, Class<? extends RuntimeException> thrown) {
        assertThatThrownBy(() -> BusRedis.await(CompletableFuture.failedFuture(failure), Duration.ofSeconds(1)))
                .isInstanceOf(thrown);
    }

    @Test
    void aServerThatCannotServeNowIsAnOutage() {
        // the first seconds after a restart, while Redis reads its AOF
        assertAwaitThrows(
                new RedisLoadingException("LOADING Redis is loading the dataset in memory"),
                BusUnavailableException.class);
        assertAwaitThrows(new RedisBusyException("BUSY Redis is busy running a script"), BusUnavailableException.class);
        assertAwaitThrows(new RedisConnectionException("Connection refused"), BusUnavailableException.class);
        assertAwaitThrows(
                new RedisCommandExecutionException("MASTERDOWN Link with MASTER is down"),
                BusUnavailableException.class);
        assertAwaitThrows(
                new RedisCommandExecutionException("CLUSTERDOWN The cluster is down"), BusUnavailableException.class);
    }

    @Test
    void anErrorReplyOfTheCommandIsTheCallersOwn() {
        // Lettuce makes it a RedisBusyException, as it does a script holding the server
        assertAwaitThrows(
                new RedisBusyException("BUSYGROUP Consumer Group name already exists"), RedisBusyException.class);
        assertAwaitThrows(
                new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value"),
                RedisCommandExecutionException.class);
    }
}
