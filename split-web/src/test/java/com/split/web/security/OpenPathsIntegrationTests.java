package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** What answers without credentials: the probes, health, and what the login form needs. */
@SecurityTestServer
class OpenPathsIntegrationTests {

    @Autowired
    TestHttp http;

    @ParameterizedTest(name = "GET {0}")
    @CsvSource({
        "/livez,                 application/vnd.spring-boot.actuator.v3+json",
        "/readyz,                application/vnd.spring-boot.actuator.v3+json",
        "/actuator/health,       application/vnd.spring-boot.actuator.v3+json",
        "/login,                 text/html",
        "/split-web/login.html,  text/html",
        "/split-web/login.js,    text/javascript",
        "/split-web/page.js,     text/javascript",
        "/split-web/page.css,    text/css"
    })
    void answersWithoutCredentials(String path, String type) {
        TestHttp.Answer answer = http.get(path).send();

        assertThat(answer.status()).as("status of %s", path).isEqualTo(200);
        assertThat(answer.header("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith(type));
    }
}
