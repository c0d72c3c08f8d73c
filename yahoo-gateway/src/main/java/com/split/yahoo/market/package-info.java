/**
 * Where market data comes from: the {@link com.split.yahoo.market.MarketDataProvider} interface, the records it
 * answers with, the offline provider and the Yahoo provider (its HTTP client, and the gate that paces it).
 */
@NullMarked
package com.split.yahoo.market;

import org.jspecify.annotations.NullMarked;
