package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.web.test.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Metrics on a management port of their own, which only the internal network reaches: open there, and absent from the
 * API port, which keeps asking for credentials.
 */
@SecurityTestServer
@TestPropertySource(
        properties = {"management.server.port=0", "management.endpoints.web.exposure.include=health,info,metrics"})
class ManagementPortIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    TestHttp api;
    TestHttp management;

    @BeforeEach
    void clients() {
        api = new TestHttp(port);
        management = new TestHttp(managementPort);
    }

    @Test
    void metricsAnswerWithoutCredentialsOnTheManagementPort() {
        TestHttp.Answer answer = management.get("/actuator/metrics").send();

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(200);
        assertThat(answer.json().path("names").values()).isNotEmpty();
    }

    @Test
    void healthAnswersOnTheManagementPort() {
        assertThat(management.get("/actuator/health").send().status()).isEqualTo(200);
    }

    @Test
    void theApiPortHasNoMetrics() {
        api.get("/actuator/metrics").send().problem(401);
        assertThat(api.get("/actuator/metrics").as(TestUsers.VIEWER).send().status())
                .isEqualTo(404);
    }

    @Test
    void theApiPortStillAsksForCredentials() {
        api.get("/api/things").send().problem(401);
        assertThat(api.get("/livez").send().status()).isEqualTo(200);
    }
}
