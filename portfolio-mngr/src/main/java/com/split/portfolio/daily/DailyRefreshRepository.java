package com.split.portfolio.daily;

import com.split.portfolio.UtcText;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code daily_refreshes}: only the portfolios whose setting someone changed have a row. */
@Repository
class DailyRefreshRepository {

    private final JdbcClient jdbc;

    DailyRefreshRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DailyRefreshSetting> find(long portfolioId) {
        return jdbc.sql("SELECT enabled, at_time FROM daily_refreshes WHERE portfolio_id = :id")
                .param("id", portfolioId)
                .query((row, n) -> setting(row.getBoolean("enabled"), row.getString("at_time")))
                .optional();
    }

    void save(long portfolioId, DailyRefreshSetting setting, String by, Instant at) {
        jdbc.sql("""
                        INSERT INTO daily_refreshes (portfolio_id, enabled, at_time, updated_by, updated_at)
                        VALUES (:id, :enabled, :at, :by, :now)
                        ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), at_time = VALUES(at_time),
                            updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)""")
                .param("id", portfolioId)
                .param("enabled", setting.enabled())
                .param("at", setting.at() == null ? null : setting.at().toString())
                .param("by", by)
                .param("now", UtcText.of(at))
                .update();
    }

    /** Every portfolio, by id: its owner and its setting, if it has one. */
    Map<Long, Owned> all() {
        return owned("", Map.of());
    }

    /** The portfolio's owner and setting; empty when there is no such portfolio. */
    Optional<Owned> one(long portfolioId) {
        return Optional.ofNullable(
                owned(" WHERE p.id = :id", Map.of("id", portfolioId)).get(portfolioId));
    }

    private Map<Long, Owned> owned(String where, Map<String, ?> params) {
        Map<Long, Owned> owned = new LinkedHashMap<>();
        jdbc.sql("SELECT p.id, p.user_id, d.enabled, d.at_time FROM portfolios p"
                        + " LEFT JOIN daily_refreshes d ON d.portfolio_id = p.id" + where + " ORDER BY p.id")
                .params(params)
                .query(row -> {
                    boolean set = row.getObject("enabled") != null;
                    owned.put(
                            row.getLong("id"),
                            new Owned(
                                    row.getString("user_id"),
                                    set ? setting(row.getBoolean("enabled"), row.getString("at_time")) : null));
                });
        return owned;
    }

    /** @param setting null while nobody changed it: the default applies */
    record Owned(String owner, @Nullable DailyRefreshSetting setting) {}

    private static DailyRefreshSetting setting(boolean enabled, @Nullable String at) {
        return new DailyRefreshSetting(enabled, at == null ? null : LocalTime.parse(at));
    }
}
