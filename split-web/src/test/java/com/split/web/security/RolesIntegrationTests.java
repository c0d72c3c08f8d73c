package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.web.security.SecurityTestApplication.Changes;
import com.split.web.test.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what, over HTTP: anonymous callers are asked to log in (401), a caller without the role the request
 * needs is refused (403) before the endpoint runs, and the right role gets through; by HTTP Basic and machine token.
 */
@SecurityTestServer
class RolesIntegrationTests {

    private static final String THING = "{\"name\":\"lamp\"}";
    private static final String INGESTED = "[{\"name\":\"log line\"}]";

    @Autowired
    Changes changes;

    @Autowired
    UserDetailsService users;

    @Autowired
    Environment environment;

    @Autowired
    TestHttp http;

    @ParameterizedTest(name = "{0} {1} without credentials")
    @CsvSource({
        "GET,    /api/things",
        "POST,   /api/things",
        "DELETE, /api/things/7",
        "POST,   /api/ingest",
        "GET,    /api/me",
        "GET,    /things.html",
        "GET,    /actuator/info"
    })
    void anAnonymousCallIsAskedToLogInWithBasicOrABearerToken(String method, String path) {
        int before = changes.count();

        TestHttp.Answer answer = call(method, path).send();

        JsonNode problem = answer.problem(401);
        assertThat(problem.path("detail").asString()).contains("/login");
        assertThat(String.join(", ", answer.all("WWW-Authenticate")))
                .contains("Basic realm=\"SPLit\"")
                .contains("Bearer realm=\"SPLit\"");
        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aPageCallIsNotChallengedWithBasic() {
        TestHttp.Answer answer = http.get("/api/things")
                .header("Accept", "text/html, application/json")
                .header("X-Requested-With", "split-web")
                .send();

        answer.problem(401);
        assertThat(answer.all("WWW-Authenticate")).noneMatch(challenge -> challenge.contains("Basic"));
    }

    @Test
    void anApiCallWithoutCredentialsLeavesNoSessionNorCookie() {
        TestHttp.Answer answer = http.get("/api/things").send();

        answer.problem(401);
        assertThat(answer.all("Set-Cookie")).isEmpty();
    }

    @Test
    void aBrowserNavigatingToAPageIsSentToTheLoginForm() {
        TestHttp.Answer answer = http.get("/things.html")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .send();

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).hasValue(http.origin() + "/login");
    }

    @ParameterizedTest(name = "{0} {1} as {2}, who lacks {3}")
    @CsvSource({
        "POST,   /api/things,   VIEWER,   operator",
        "DELETE, /api/things/7, VIEWER,   operator",
        "POST,   /api/ingest,   VIEWER,   ingest",
        "POST,   /api/ingest,   OPERATOR, ingest",
        "GET,    /api/things,   INGEST,   viewer",
        "GET,    /things.html,  INGEST,   viewer",
        "POST,   /api/things,   INGEST,   operator",
        "DELETE, /api/things/7, INGEST,   operator"
    })
    void aCallerWithoutTheRoleIsRefusedAndNothingChanges(String method, String path, TestUsers user, String role) {
        int before = changes.count();

        JsonNode problem = call(method, path).as(user).send().problem(403);

        assertThat(problem.path("title").asString()).isEqualTo("Forbidden");
        assertThat(problem.path("detail").asString()).startsWith(user.user() + " lacks the role " + role);
        assertThat(changes.count()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource({
        "GET,    /api/things,   VIEWER,   200",
        "GET,    /things.html,  VIEWER,   200",
        "GET,    /api/things,   OPERATOR, 200",
        "GET,    /things.html,  OPERATOR, 200",
        "POST,   /api/things,   OPERATOR, 201",
        "DELETE, /api/things/7, OPERATOR, 204",
        "POST,   /api/ingest,   INGEST,   202",
        "GET,    /api/things,   ADMIN,    200",
        "POST,   /api/things,   ADMIN,    201",
        "DELETE, /api/things/7, ADMIN,    204",
        "POST,   /api/ingest,   ADMIN,    202"
    })
    void aCallerWithTheRoleGetsThrough(String method, String path, TestUsers user, int status) {
        int before = changes.count();

        TestHttp.Answer answer = call(method, path).as(user).send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(status);
        assertThat(changes.count()).isEqualTo(method.equals("GET") ? before : before + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ADMIN,    viewer operator ingest", "VIEWER,   viewer", "OPERATOR, viewer operator", "INGEST,   ingest"
    })
    void everyCallerMaySeeItsNameAndRoles(TestUsers user, String roles) {
        TestHttp.Answer answer = http.get("/api/me").as(user).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("name").asString()).isEqualTo(user.user());
        assertThat(answer.json().path("roles").values())
                .extracting(JsonNode::asString)
                .containsExactly(roles.split(" "));
    }

    @Test
    void aWrongPasswordIsRefused() {
        int before = changes.count();

        TestHttp.Answer answer = http.post("/api/things")
                .header("Authorization", basic(TestUsers.OPERATOR.user(), "not-the-password"))
                .json(THING)
                .send();

        JsonNode problem = answer.problem(401);
        assertThat(problem.path("detail").asString()).startsWith("The credentials were refused");
        assertThat(answer.header("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).contains("Basic"));
        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aPasswordKeepsTheHashAndCostItWasConfiguredWith() {
        assertThat(http.get("/api/things").as(TestUsers.VIEWER).send().status()).isEqualTo(200);

        assertThat(users.loadUserByUsername(TestUsers.VIEWER.user()).getPassword())
                .isEqualTo(environment.getProperty("split.security.users[1].password"))
                .startsWith("{bcrypt}$2a$04$");
    }

    @Test
    void anUnknownUserIsRefused() {
        http.get("/api/things")
                .header("Authorization", basic("nobody", "viewer-test"))
                .send()
                .problem(401);
    }

    @Test
    void theMachineTokenIngests() {
        int before = changes.count();

        TestHttp.Answer answer = http.post("/api/ingest")
                .bearer(TestUsers.INGEST_TOKEN)
                .json(INGESTED)
                .send();

        assertThat(answer.status()).isEqualTo(202);
        assertThat(changes.count()).isEqualTo(before + 1);
    }

    @Test
    void theMachineTokenIsItsClientWithItsRolesOnly() {
        TestHttp.Answer me = http.get("/api/me").bearer(TestUsers.INGEST_TOKEN).send();
        assertThat(me.json().path("name").asString()).isEqualTo("shipper");
        assertThat(me.json().path("roles").values())
                .extracting(JsonNode::asString)
                .containsExactly("ingest");

        http.get("/api/things").bearer(TestUsers.INGEST_TOKEN).send().problem(403);
        http.post("/api/things")
                .bearer(TestUsers.INGEST_TOKEN)
                .json(THING)
                .send()
                .problem(403);
    }

    @Test
    void anUnknownBearerTokenIsRefusedAsAnInvalidToken() {
        int before = changes.count();

        TestHttp.Answer answer =
                http.post("/api/ingest").bearer("not-a-token").json(INGESTED).send();

        answer.problem(401);
        assertThat(answer.header("WWW-Authenticate"))
                .hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""));
        assertThat(changes.count()).isEqualTo(before);
    }

    @Test
    void aPasswordIsNotABearerToken() {
        http.get("/api/things").bearer(TestUsers.VIEWER.password()).send().problem(401);
    }

    private TestHttp.Call call(String method, String path) {
        TestHttp.Call call = http.method(method, path);
        if (path.equals(SecurityTestApplication.INGEST_PATH)) {
            return call.json(INGESTED);
        }
        return method.equals("POST") ? call.json(THING) : call;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
