package com.split.web.security;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is to this service: the pages show it, and hide what the caller's roles do not allow. */
@RestController
final class CallerController {

    static final String PATH = "/api/me";

    /** @param roles what the caller holds, {@code operator} implying {@code viewer} */
    record Caller(String name, List<String> roles) {}

    @GetMapping(PATH)
    @Operation(summary = "The authenticated caller: name and roles")
    Caller me(Authentication authentication) {
        return new Caller(
                authentication.getName(),
                Arrays.stream(SplitRole.values())
                        .filter(role -> AccessRules.holds(authentication.getAuthorities(), role))
                        .map(SplitRole::roleName)
                        .toList());
    }
}
