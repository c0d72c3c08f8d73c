package com.split.tasks.metrics;

import static java.util.Map.entry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;

/**
 * Describes the meters that Spring Boot's observations, Spring Security, Tomcat and Lettuce register without a
 * description, so that every metric at {@code /actuator/prometheus} has a HELP line: the Prometheus registry writes an
 * empty one for a meter without a description, which {@code promtool check metrics} reports as "no help text". A meter
 * that has a description keeps it. The table names what the services register; a meter new to them that comes without
 * a description fails split-e2e's promtool check until it has a line here.
 */
public final class MeterDescriptions implements MeterFilter {

    /** Each observation {@code X} gives a timer {@code X} and a long task timer {@code X.active}. */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            entry("http.server.requests", "HTTP requests the server answered, and how long each took"),
            entry("http.server.requests.active", "HTTP requests the server is handling"),
            entry("lettuce", "Redis commands sent by Lettuce, and how long each took to be answered"),
            entry("lettuce.active", "Redis commands sent by Lettuce and not answered yet"),
            entry("spring.security.authentications", "Authentication attempts, and how long each took"),
            entry("spring.security.authentications.active", "Authentication attempts in progress"),
            entry("spring.security.authorizations", "Authorization decisions, and how long each took"),
            entry("spring.security.authorizations.active", "Authorization decisions in progress"),
            entry(
                    "spring.security.filterchains",
                    "Passes through the security filter chain, before and after the application, and their time"),
            entry("spring.security.filterchains.active", "Passes through the security filter chain in progress"),
            entry(
                    "spring.security.http.secured.requests",
                    "Requests the security filter chain let through, and how long the application took with each"),
            entry(
                    "spring.security.http.secured.requests.active",
                    "Requests the security filter chain let through that the application is handling"),
            entry("tomcat.sessions.active.current", "HTTP sessions active now"),
            entry("tomcat.sessions.active.max", "Most HTTP sessions active at once"),
            entry("tomcat.sessions.alive.max", "Longest time an expired HTTP session was alive"),
            entry("tomcat.sessions.created", "HTTP sessions created"),
            entry("tomcat.sessions.expired", "HTTP sessions expired"),
            entry("tomcat.sessions.rejected", "HTTP sessions not created because the most allowed were active"));

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = id.getDescription();
        // a synthetic meter (a percentile's gauge) takes its description from the meter it derives from
        if ((description != null && !description.isBlank()) || id.syntheticAssociation() != null) {
            return id;
        }
        String known = DESCRIPTIONS.get(id.getName());
        return known == null
                ? id
                : new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), known, id.getType());
    }
}
