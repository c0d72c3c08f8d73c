package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class CsrfPolicyTests {

    private final CsrfPolicy policy = new CsrfPolicy();

    @ParameterizedTest(name = "{0} with Authorization {1}, Origin {2}, Sec-Fetch-Site {3} → token needed: {4}")
    @CsvSource({
        "GET,     ,           https://evil.example,    cross-site,  false",
        "HEAD,    ,           ,                        ,            false",
        "OPTIONS, ,           https://evil.example,    ,            false",
        "POST,    ,           ,                        ,            true",
        "DELETE,  ,           http://split.test:8086,  same-origin, true",
        "POST,    Basic eA==, ,                        ,            false",
        "PUT,     Basic eA==, http://split.test:8086,  same-origin, false",
        "POST,    Basic eA==, ,                        none,        false",
        "POST,    Basic eA==, https://evil.example,    ,            true",
        "POST,    Basic eA==, http://split.test:8087,  ,            true",
        "POST,    Basic eA==, http://evil.test:8086,   ,            true",
        "POST,    Basic eA==, null,                    ,            true",
        "POST,    Basic eA==, ,                        cross-site,  true",
        "POST,    Basic eA==, ,                        same-site,   true",
        "PATCH,   Basic eA==, http://split.test:8086,  cross-site,  true"
    })
    void anUnsafeRequestNeedsTheTokenUnlessItBringsCredentialsFromNoOtherSite(
            String method, String authorization, String origin, String fetchSite, boolean needed) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/things");
        request.addHeader("Host", "split.test:8086");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        if (fetchSite != null) {
            request.addHeader("Sec-Fetch-Site", fetchSite);
        }

        assertThat(policy.matches(request)).isEqualTo(needed);
    }
}
