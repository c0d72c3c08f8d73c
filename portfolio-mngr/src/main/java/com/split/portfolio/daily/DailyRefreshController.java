package com.split.portfolio.daily;

import com.split.portfolio.Actor;
import com.split.portfolio.portfolio.Portfolio;
import com.split.web.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A portfolio's daily refresh: its owner's (or an operator's) to see and to change. */
@RestController
@RequestMapping("/api/portfolios/{id}/daily-refresh")
class DailyRefreshController {

    private final DailyRefreshes dailyRefreshes;

    DailyRefreshController(DailyRefreshes dailyRefreshes) {
        this.dailyRefreshes = dailyRefreshes;
    }

    @GetMapping
    DailyRefreshView get(Authentication caller, @PathVariable String id) {
        return dailyRefreshes.view(Portfolio.parseId("id", id), Actor.of(caller));
    }

    @PutMapping
    DailyRefreshView put(
            Authentication caller, @PathVariable String id, @RequestBody @Nullable DailyRefreshRequest request) {
        if (request == null) {
            throw new InvalidParameterException("body", "is required: {\"enabled\": true or false, \"at\": \"HH:mm\"}");
        }
        return dailyRefreshes.change(Portfolio.parseId("id", id), request, Actor.of(caller));
    }
}
