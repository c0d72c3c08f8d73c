package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.web.security.SecurityTestApplication.Changes;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * JWTs of the OIDC issuer that {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} names, here a local one
 * with a key made for the run: its signature, issuer and lifetime are checked, and its {@code roles} claim says what
 * the caller may do.
 */
@SecurityTestServer
class JwtIntegrationTests {

    @AutoClose
    static final TestIssuer ISSUER = TestIssuer.start();

    private static final String THING = "{\"name\":\"lamp\"}";

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::uri);
    }

    @Autowired
    Changes changes;

    @Autowired
    TestHttp http;

    @Test
    void anOperatorsJwtChangesThings() {
        String jwt = ISSUER.sign(
                ISSUER.claims("alice@idp").claim("roles", List.of("operator")).build());
        int before = changes.count();

        TestHttp.Answer answer =
                http.post("/api/things").bearer(jwt).json(THING).send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(201);
        assertThat(changes.count()).isEqualTo(before + 1);
    }

    @Test
    void theJwtsSubjectIsTheCaller() {
        String jwt = ISSUER.sign(
                ISSUER.claims("alice@idp").claim("roles", List.of("operator")).build());

        JsonNode me = http.get("/api/me").bearer(jwt).send().json();

        assertThat(me.path("name").asString()).isEqualTo("alice@idp");
        assertThat(me.path("roles").values()).extracting(JsonNode::asString).containsExactly("viewer", "operator");
    }

    @Test
    void rolesMatchWhateverTheirCase() {
        String jwt = ISSUER.sign(
                ISSUER.claims("bob@idp").claim("roles", List.of("Operator")).build());

        JsonNode me = http.get("/api/me").bearer(jwt).send().json();

        assertThat(me.path("roles").values()).extracting(JsonNode::asString).containsExactly("viewer", "operator");
    }

    @Test
    void rolesMayBeASpaceSeparatedString() {
        String jwt = ISSUER.sign(
                ISSUER.claims("shipper@idp").claim("roles", "viewer ingest").build());

        JsonNode me = http.get("/api/me").bearer(jwt).send().json();

        assertThat(me.path("roles").values()).extracting(JsonNode::asString).containsExactly("viewer", "ingest");
    }

    @Test
    void aJwtSignedByAnotherKeyIsRefused() {
        String forged = TestIssuer.sign(
                ISSUER.claims("mallory").claim("roles", List.of("operator")).build(), TestIssuer.newKey());

        assertRefusedAsInvalid(forged);
    }

    @Test
    void anExpiredJwtIsRefused() {
        Instant issued = Instant.now().minus(Duration.ofHours(1));
        String expired = ISSUER.sign(ISSUER.claims("alice@idp")
                .claim("roles", List.of("operator"))
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofMinutes(5))))
                .build());

        assertRefusedAsInvalid(expired);
    }

    @Test
    void aJwtOfAnotherIssuerIsRefused() {
        String foreign = ISSUER.sign(ISSUER.claims("alice@idp")
                .issuer("https://idp.evil.example")
                .claim("roles", List.of("operator"))
                .build());

        assertRefusedAsInvalid(foreign);
    }

    @Test
    void aJwtWithoutRolesMayNotRead() {
        String jwt = ISSUER.sign(ISSUER.claims("nobody@idp").build());

        JsonNode problem = http.get("/api/things").bearer(jwt).send().problem(403);

        assertThat(problem.path("detail").asString()).startsWith("nobody@idp lacks the role viewer");
    }

    @Test
    void aJwtWithoutRolesIsStillSomeone() {
        String jwt = ISSUER.sign(ISSUER.claims("nobody@idp").build());

        JsonNode me = http.get("/api/me").bearer(jwt).send().json();

        assertThat(me.path("name").asString()).isEqualTo("nobody@idp");
        assertThat(me.path("roles").values()).isEmpty();
    }

    @Test
    void anIngestJwtIngests() {
        String jwt = ISSUER.sign(
                ISSUER.claims("shipper@idp").claim("roles", List.of("ingest")).build());
        int before = changes.count();

        TestHttp.Answer answer = http.post(SecurityTestApplication.INGEST_PATH)
                .bearer(jwt)
                .json("[]")
                .send();

        assertThat(answer.status()).isEqualTo(202);
        assertThat(changes.count()).isEqualTo(before + 1);
    }

    private void assertRefusedAsInvalid(String jwt) {
        int before = changes.count();

        TestHttp.Answer answer =
                http.post("/api/things").bearer(jwt).json(THING).send();

        answer.problem(401);
        assertThat(answer.header("WWW-Authenticate"))
                .hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""));
        assertThat(changes.count()).isEqualTo(before);
    }
}
