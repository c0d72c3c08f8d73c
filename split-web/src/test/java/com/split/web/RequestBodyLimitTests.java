package com.split.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.util.unit.DataSize;

class RequestBodyLimitTests {

    private final RequestBodyLimit limit = new RequestBodyLimit(DataSize.ofKilobytes(1), "test.max-request-size");

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingTheBody() {
        MockHttpInputMessage message = new MockHttpInputMessage(new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        });
        message.getHeaders().setContentLength(2 * 1024 * 1024);

        assertThatExceptionOfType(ContentTooLargeException.class)
                .isThrownBy(() -> read(message))
                .satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(e.getBody().getDetail())
                            .isEqualTo("The request body is 2097152 bytes; this API reads at most 1024 bytes (1 KiB)"
                                    + " in one request: send fewer items per request");
                });
    }

    @Test
    void readsABodyWithoutALengthOnlyOneBytePastTheLimit() {
        AtomicLong consumed = new AtomicLong();
        MockHttpInputMessage message = new MockHttpInputMessage(new InputStream() {
            @Override
            public int read() {
                consumed.incrementAndGet();
                return ' ';
            }
        });

        assertThatExceptionOfType(ContentTooLargeException.class)
                .isThrownBy(() -> read(message))
                .satisfies(e -> assertThat(e.getBody().getDetail()).startsWith("The request body is longer;"));
        assertThat(consumed).hasValue(1025);
    }

    @Test
    void passesABodyAtTheLimitThroughWhole() throws IOException {
        byte[] body = new byte[1024];

        HttpInputMessage read = read(new MockHttpInputMessage(body));

        assertThat(read.getBody().readAllBytes()).isEqualTo(body);
    }

    @Test
    void aLimitOfNothingIsInvalid() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RequestBodyLimit(DataSize.ofBytes(0), "test.max-request-size"))
                .withMessageStartingWith("test.max-request-size must be at least 1B");
    }

    private HttpInputMessage read(HttpInputMessage message) throws IOException {
        return limit.beforeBodyRead(message, null, Object.class, JacksonJsonHttpMessageConverter.class);
    }
}
