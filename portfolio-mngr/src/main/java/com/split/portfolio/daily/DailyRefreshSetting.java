package com.split.portfolio.daily;

import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * What a portfolio's owner or an operator set: on or off, and a time of its own.
 *
 * @param at the local time, or null for the default
 */
record DailyRefreshSetting(boolean enabled, @Nullable LocalTime at) {}
