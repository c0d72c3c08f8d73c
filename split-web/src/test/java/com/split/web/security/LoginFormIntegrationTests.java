package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.web.security.SecurityTestApplication.Changes;
import com.split.web.test.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The pages' way in, over HTTP as a browser goes it: the login form hands out the CSRF token in the XSRF-TOKEN cookie,
 * its POST opens a session, and every change made with that session's cookie needs the token in X-XSRF-TOKEN.
 */
@SecurityTestServer
class LoginFormIntegrationTests {

    private static final String THING = "{\"name\":\"lamp\"}";
    private static final String SESSION = "JSESSIONID";
    private static final String XSRF = "XSRF-TOKEN";
    /** What a browser accepts when it submits a form: an API client's Accept gets 204 from the logout instead. */
    private static final String NAVIGATION = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Autowired
    Changes changes;

    @Autowired
    TestHttp http;

    @Test
    void theLoginFormSetsTheCsrfCookie() {
        TestHttp.Cookies browser = new TestHttp.Cookies();

        TestHttp.Answer form =
                http.get("/login").header("Accept", NAVIGATION).with(browser).send();

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<form id=\"login-form\" method=\"post\" action=\"/login\">");
        assertThat(browser.get(XSRF))
                .hasValueSatisfying(token -> assertThat(token).isNotBlank());
        assertThat(form.all("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith(XSRF + "="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).doesNotContainIgnoringCase("HttpOnly"));
    }

    @Test
    void theLoginFormOpensASession() {
        TestHttp.Cookies browser = new TestHttp.Cookies();

        TestHttp.Answer login = logIn(browser, TestUsers.OPERATOR);

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).hasValue(http.origin() + "/");
        assertThat(browser.get(SESSION)).isPresent();
        JsonNode me = http.get("/api/me").with(browser).send().json();
        assertThat(me.path("name").asString()).isEqualTo(TestUsers.OPERATOR.user());
    }

    /** SameSite: a link or form of another site comes without them, a second line behind the CSRF token. */
    @Test
    void theSessionAndCsrfCookiesStayOnThisSite() {
        TestHttp.Answer form = http.get("/login").header("Accept", NAVIGATION).send();
        TestHttp.Answer login = logIn(new TestHttp.Cookies(), TestUsers.OPERATOR);

        assertThat(form.all("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith(XSRF + "="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("SameSite=Lax"));
        assertThat(login.all("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith(SESSION + "="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void signingInLeadsBackToThePageThatAskedForIt() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        TestHttp.Answer page = http.get("/things.html")
                .header("Accept", NAVIGATION)
                .with(browser)
                .send();
        assertThat(page.header("Location")).hasValue(http.origin() + "/login");

        TestHttp.Answer login = logIn(browser, TestUsers.VIEWER);

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith(http.origin() + "/things.html"));
        TestHttp.Answer back = http.get("/things.html")
                .header("Accept", NAVIGATION)
                .with(browser)
                .send();
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body()).contains("only a viewer sees it");
    }

    @Test
    void aWrongPasswordReturnsToTheFormWithoutASession() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        String token = csrfCookie(browser);

        TestHttp.Answer login = http.post("/login")
                .header("Accept", NAVIGATION)
                .form("username", "operator", "password", "wrong", "_csrf", token)
                .with(browser)
                .send();

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).hasValue(http.origin() + "/login?error");
        http.get("/api/me").with(browser).send().problem(401);
    }

    @Test
    void theLoginFormNeedsTheCsrfToken() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        csrfCookie(browser);

        TestHttp.Answer login = http.post("/login")
                .form("username", "operator", "password", TestUsers.OPERATOR.password())
                .with(browser)
                .send();

        assertThat(login.problem(403).path("title").asString()).isEqualTo("CSRF token missing or invalid");
        assertThat(browser.get(SESSION)).isEmpty();
    }

    @Test
    void aChangeWithTheSessionCookieButNoCsrfTokenIsRefusedAndChangesNothing() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        logIn(browser, TestUsers.OPERATOR);
        int before = changes.count();

        JsonNode problem = http.post("/api/things")
                .header("X-Requested-With", "split-web")
                .json(THING)
                .with(browser)
                .send()
                .problem(403);

        assertThat(problem.path("title").asString()).isEqualTo("CSRF token missing or invalid");
        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aChangeWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        logIn(browser, TestUsers.OPERATOR);
        String token = pageToken(browser);
        int before = changes.count();

        http.delete("/api/things/7")
                .header("X-XSRF-TOKEN", token + "x")
                .with(browser)
                .send()
                .problem(403);

        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aChangeWithTheSessionCookieAndTheCsrfTokenWorks() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        logIn(browser, TestUsers.OPERATOR);
        int before = changes.count();

        TestHttp.Answer answer = http.post("/api/things")
                .header("X-Requested-With", "split-web")
                .header("X-XSRF-TOKEN", pageToken(browser))
                .json(THING)
                .with(browser)
                .send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(201);
        assertThat(changes.count()).isEqualTo(before + 1);
    }

    @Test
    void theSessionHoldsTheRolesOfItsUser() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        logIn(browser, TestUsers.VIEWER);
        int before = changes.count();

        http.post("/api/things")
                .header("X-XSRF-TOKEN", pageToken(browser))
                .json(THING)
                .with(browser)
                .send()
                .problem(403);

        assertThat(changes.count()).isEqualTo(before);
        assertThat(http.get("/api/things").with(browser).send().status()).isEqualTo(200);
    }

    @Test
    void loggingOutEndsTheSession() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        logIn(browser, TestUsers.OPERATOR);
        String session = browser.get(SESSION).orElseThrow();

        TestHttp.Answer logout = http.post("/logout")
                .header("Accept", NAVIGATION)
                .form("_csrf", pageToken(browser))
                .with(browser)
                .send();

        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.header("Location")).hasValue(http.origin() + "/login?logout");
        TestHttp.Cookies stolen = new TestHttp.Cookies();
        stolen.put(SESSION, session);
        http.get("/api/me")
                .header("X-Requested-With", "split-web")
                .with(stolen)
                .send()
                .problem(401);
    }

    @Test
    void loggingOutNeedsTheCsrfToken() {
        TestHttp.Cookies browser = new TestHttp.Cookies();
        logIn(browser, TestUsers.OPERATOR);
        pageToken(browser);

        http.post("/logout").with(browser).send().problem(403);

        assertThat(http.get("/api/me").with(browser).send().status()).isEqualTo(200);
    }

    /** GETs the login form, as the browser does before signing in: it sets the token's cookie. */
    private String csrfCookie(TestHttp.Cookies browser) {
        http.get("/login").header("Accept", NAVIGATION).with(browser).send();
        return browser.get(XSRF).orElseThrow(() -> new AssertionError("GET /login set no " + XSRF + " cookie"));
    }

    private TestHttp.Answer logIn(TestHttp.Cookies browser, TestUsers user) {
        String token = csrfCookie(browser);
        return http.post("/login")
                .header("Accept", NAVIGATION)
                .form("username", user.user(), "password", user.password(), "_csrf", token)
                .with(browser)
                .send();
    }

    /** The token as a page reads it from the cookie, which opening the page set (API reads set none). */
    private String pageToken(TestHttp.Cookies browser) {
        assertThat(http.get("/things.html")
                        .header("Accept", NAVIGATION)
                        .with(browser)
                        .send()
                        .status())
                .isEqualTo(200);
        return browser.get(XSRF).orElseThrow(() -> new AssertionError("a page read set no " + XSRF + " cookie"));
    }
}
