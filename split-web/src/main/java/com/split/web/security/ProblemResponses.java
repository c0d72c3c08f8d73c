package com.split.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem details, like every other error of the APIs. A 401 names the schemes in
 * {@code WWW-Authenticate}, except to the pages' own calls ({@code X-Requested-With}), which would otherwise open the
 * browser's password dialog where the page sends its user to the login form.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    static final String REALM = "SPLit";
    static final String PAGE_CALL_HEADER = "X-Requested-With";
    private static final String RETRY_AFTER_SECONDS = "5";

    private static final RequestMatcher LOGIN_FORM =
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, SplitSecurityAutoConfiguration.LOGIN_PAGE);

    private final JsonMapper mapper;
    private final AccessRules rules;

    ProblemResponses(JsonMapper mapper, AccessRules rules) {
        this.mapper = mapper;
        this.rules = rules;
    }

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        String detail;
        if (authException instanceof InvalidBearerTokenException) {
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"%s\", error=\"invalid_token\"".formatted(REALM));
            detail = authException.getMessage();
        } else {
            if (request.getHeader(PAGE_CALL_HEADER) == null) {
                response.setHeader(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Basic realm=\"%s\", Bearer realm=\"%s\"".formatted(REALM, REALM));
            }
            detail = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "Log in: HTTP Basic (curl -u user:password), a bearer token, or the login form at /login"
                    : "The credentials were refused: " + authException.getMessage();
        }
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    /** A bearer token refused (401), or one that could not be checked because the JWT issuer is away (503). */
    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Cannot check the token", exception.getMessage());
        } else {
            commence(request, response, exception);
        }
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException {
        if (accessDeniedException instanceof CsrfException && nobodySignedIn(request)) {
            // refused either way; curl without -u is better told to log in than about a browser's token
            commence(request, response, new InsufficientAuthenticationException("Nobody is signed in"));
        } else if (accessDeniedException instanceof CsrfException) {
            write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "CSRF token missing or invalid",
                    "A request from a browser session must send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN"
                            + " header; a cross-site request is refused");
        } else {
            String user = request.getUserPrincipal() == null
                    ? "The caller"
                    : request.getUserPrincipal().getName();
            write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "%s lacks the role %s that %s %s needs"
                            .formatted(
                                    user,
                                    rules.required(request).roleName(),
                                    request.getMethod(),
                                    request.getRequestURI()));
        }
    }

    /**
     * A same-site request with no credentials at all, which the CSRF check sees before authentication does: except the
     * login form's own POST, where the token is what is missing.
     */
    private static boolean nobodySignedIn(HttpServletRequest request) {
        Authentication session = SecurityContextHolder.getContext().getAuthentication();
        return (session == null || session instanceof AnonymousAuthenticationToken)
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && !CsrfPolicy.fromAnotherSite(request)
                && !LOGIN_FORM.matches(request);
    }

    private void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
