package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LocalRedisConnectionDetailsTests {

    @Test
    void readsHostPortAndDatabase() {
        LocalRedisConnectionDetails details = LocalRedisConnectionDetails.of(URI.create("redis://10.0.0.5:6390/2"));

        assertThat(details.getStandalone().getHost()).isEqualTo("10.0.0.5");
        assertThat(details.getStandalone().getPort()).isEqualTo(6390);
        assertThat(details.getStandalone().getDatabase()).isEqualTo(2);
        assertThat(details.getUsername()).isNull();
        assertThat(details.getPassword()).isNull();
    }

    @Test
    void defaultsToPort6379AndDatabaseZero() {
        LocalRedisConnectionDetails details = LocalRedisConnectionDetails.of(URI.create("redis://localhost"));

        assertThat(details.getStandalone().getPort()).isEqualTo(6379);
        assertThat(details.getStandalone().getDatabase()).isZero();
    }

    @Test
    void readsCredentialsLikeRedisCli() {
        assertThat(LocalRedisConnectionDetails.of(URI.create("redis://:s%40cret@localhost")))
                .satisfies(details -> {
                    assertThat(details.getUsername()).isNull();
                    assertThat(details.getPassword()).isEqualTo("s@cret");
                });
        assertThat(LocalRedisConnectionDetails.of(URI.create("redis://bus:secret@localhost")))
                .satisfies(details -> {
                    assertThat(details.getUsername()).isEqualTo("bus");
                    assertThat(details.getPassword()).isEqualTo("secret");
                    assertThat(details).hasToString("redis://localhost:6379/0");
                });
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalRedisConnectionDetails.of(URI.create("rediss://localhost")));
    }
}
