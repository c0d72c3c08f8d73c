package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.web.test.TestUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The headers that keep a page from being framed, sniffed, or made to load another site's code, on every answer. */
@SecurityTestServer
class SecurityHeadersIntegrationTests {

    @Autowired
    TestHttp http;

    @ParameterizedTest(name = "GET {0} as {1} → {2}")
    @CsvSource({
        "/things.html,         VIEWER, 200",
        "/login,               ,       200",
        "/split-web/page.css,  ,       200",
        "/api/things,          VIEWER, 200",
        "/api/me,              INGEST, 200",
        "/api/things,          INGEST, 403",
        "/api/things,          ,       401"
    })
    void everyAnswerCarriesTheSecurityHeaders(String path, TestUsers user, int status) {
        TestHttp.Call call = http.get(path);
        if (user != null) {
            call.as(user);
        }

        TestHttp.Answer answer = call.send();

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .contains("object-src 'none'"));
        assertThat(answer.header("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.header("Referrer-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .isIn("same-origin", "strict-origin", "no-referrer", "strict-origin-when-cross-origin"));
    }
}
