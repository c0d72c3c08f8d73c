package com.split.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The role each request needs: {@code ingest} for the service's {@link IngestEndpoints}, {@code viewer} to read (GET,
 * HEAD), {@code operator} for every other change. One rule for every service, so that a new endpoint is guarded the
 * day it is written.
 */
final class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final List<RequestMatcher> ingest;

    AccessRules(List<String> ingestPostPaths) {
        this.ingest = ingestPostPaths.stream()
                .<RequestMatcher>map(path -> PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path))
                .toList();
    }

    static boolean isSafe(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    SplitRole required(HttpServletRequest request) {
        if (ingest.stream().anyMatch(matcher -> matcher.matches(request))) {
            return SplitRole.INGEST;
        }
        return isSafe(request) ? SplitRole.VIEWER : SplitRole.OPERATOR;
    }

    static boolean holds(Collection<? extends GrantedAuthority> authorities, SplitRole role) {
        boolean operator = authorities.contains(SplitRole.OPERATOR.authority());
        return authorities.contains(role.authority()) || (role == SplitRole.VIEWER && operator);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        boolean granted = caller != null
                && caller.isAuthenticated()
                && holds(caller.getAuthorities(), required(context.getRequest()));
        return new AuthorizationDecision(granted);
    }
}
