package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A JWT that cannot be checked because its issuer does not answer (its discovery document and keys are fetched at the
 * first JWT) is a 503 problem detail to retry, not the token's fault and never a 500.
 */
@SecurityTestServer
class JwtIssuerAwayIntegrationTests {

    /** Started for its key and address, and stopped before the service first asks it anything. */
    static final TestIssuer GONE = TestIssuer.start();

    static {
        GONE.close();
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", GONE::uri);
    }

    @Autowired
    TestHttp http;

    @Test
    void aJwtWhoseIssuerIsAwayIsAServiceUnavailableProblem() {
        String jwt = GONE.sign(
                GONE.claims("alice@idp").claim("roles", List.of("viewer")).build());

        TestHttp.Answer answer = http.get("/api/things").bearer(jwt).send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).hasValue("5");
        assertThat(answer.json().path("title").asString()).isEqualTo("Cannot check the token");
        assertThat(answer.json().path("detail").asString()).startsWith("The JWT issuer cannot be reached");
    }
}
