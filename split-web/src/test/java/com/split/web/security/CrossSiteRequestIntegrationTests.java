package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.web.security.SecurityTestApplication.Changes;
import com.split.web.test.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A browser sends the Basic credentials it has cached with a request another site makes it send: such a request, which
 * the browser marks with {@code Origin} or {@code Sec-Fetch-Site}, needs the CSRF token even with credentials, and is
 * refused without it before anything changes. curl and scripts, which send neither, need no token.
 */
@SecurityTestServer
class CrossSiteRequestIntegrationTests {

    private static final String THING = "{\"name\":\"lamp\"}";

    @Autowired
    Changes changes;

    @Autowired
    TestHttp http;

    @Test
    void aPostWithBasicCredentialsFromAForeignOriginIsRefusedAndChangesNothing() {
        int before = changes.count();

        TestHttp.Answer answer = http.post("/api/things")
                .as(TestUsers.OPERATOR)
                .header("Origin", "https://evil.example")
                .json(THING)
                .send();

        assertThat(answer.problem(403).path("title").asString()).isEqualTo("CSRF token missing or invalid");
        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aDeleteWithBasicCredentialsFromAForeignOriginIsRefusedAndChangesNothing() {
        int before = changes.count();

        http.delete("/api/things/7")
                .as(TestUsers.ADMIN)
                .header("Origin", "http://localhost:1")
                .send()
                .problem(403);

        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aPostTheBrowserMarksCrossSiteIsRefusedAndChangesNothing() {
        int before = changes.count();

        http.post("/api/things")
                .as(TestUsers.OPERATOR)
                .header("Sec-Fetch-Site", "cross-site")
                .json(THING)
                .send()
                .problem(403);

        assertThat(changes.count()).isEqualTo(before);
    }

    /** A browser never attaches a bearer token by itself: whoever sends one has it, whatever page they are on. */
    @Test
    void aBearerTokenNeedsNoCsrfTokenFromAnyOrigin() {
        int before = changes.count();

        TestHttp.Answer answer = http.post(SecurityTestApplication.INGEST_PATH)
                .bearer(TestUsers.INGEST_TOKEN)
                .header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .json("[]")
                .send();

        assertThat(answer.status()).isEqualTo(202);
        assertThat(changes.count()).isEqualTo(before + 1);
    }

    @Test
    void anAnonymousPostFromAForeignOriginIsRefusedWithoutABasicChallenge() {
        int before = changes.count();

        TestHttp.Answer answer = http.post("/api/things")
                .header("Origin", "https://evil.example")
                .json(THING)
                .send();

        answer.problem(403);
        assertThat(answer.header("WWW-Authenticate")).isEmpty();
        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aPostWithBasicCredentialsFromTheServersOwnOriginWorks() {
        int before = changes.count();

        TestHttp.Answer answer = http.post("/api/things")
                .as(TestUsers.OPERATOR)
                .header("Origin", http.origin())
                .header("Sec-Fetch-Site", "same-origin")
                .json(THING)
                .send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(201);
        assertThat(changes.count()).isEqualTo(before + 1);
    }

    @Test
    void aPostWithBasicCredentialsAndNoOriginWorksWithoutAToken() {
        int before = changes.count();

        TestHttp.Answer answer =
                http.post("/api/things").as(TestUsers.OPERATOR).json(THING).send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(201);
        assertThat(changes.count()).isEqualTo(before + 1);
    }

    @Test
    void theCsrfTokenLetsARequestThroughWhateverItsOrigin() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        browser.put("XSRF-TOKEN", "a-token-the-page-read");
        int before = changes.count();

        TestHttp.Answer answer = http.post("/api/things")
                .as(TestUsers.OPERATOR)
                .header("Origin", "https://evil.example")
                .header("X-XSRF-TOKEN", "a-token-the-page-read")
                .json(THING)
                .with(browser)
                .send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(201);
        assertThat(changes.count()).isEqualTo(before + 1);
    }
}
