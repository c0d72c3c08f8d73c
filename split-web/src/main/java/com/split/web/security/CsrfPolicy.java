package com.split.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Which unsafe requests must carry the CSRF token. A browser attaches cookies, and Basic credentials it has cached, to a
 * request another site makes it send; it cannot attach a header that site does not know. So every unsafe request needs
 * the token, except one that brings its own {@code Authorization} and that no browser marks as cross-site: curl,
 * scripts and machine clients (no {@code Origin}, no {@code Sec-Fetch-Site}) need no token. A bearer token needs none
 * from anywhere (Spring's resource server exempts it): no browser attaches one by itself.
 */
final class CsrfPolicy implements RequestMatcher {

    private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

    @Override
    public boolean matches(HttpServletRequest request) {
        if (AccessRules.isSafe(request)
                || "OPTIONS".equals(request.getMethod())
                || "TRACE".equals(request.getMethod())) {
            return false;
        }
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null || fromAnotherSite(request);
    }

    static boolean fromAnotherSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE_FETCHES.contains(fetchSite)) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && !sameOrigin(origin, request);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader(HttpHeaders.HOST);
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Makes the token exist when a browser opens a page (the login form, the pages), so that the cookie is there before
     * the first unsafe request: Spring Security otherwise defers it until a request asks for it. API calls get none.
     */
    static final class IssueTokenFilter extends OncePerRequestFilter {

        private final RequestMatcher pageNavigation;

        IssueTokenFilter(RequestMatcher pageNavigation) {
            this.pageNavigation = pageNavigation;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (pageNavigation.matches(request)) {
                CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
                if (token != null) {
                    token.getToken();
                }
            }
            chain.doFilter(request, response);
        }
    }
}
