/**
 * Where market data comes from: the {@link com.split.yahoo.market.MarketDataProvider} interface, the records it
 * answers with, and the offline provider.
 */
@NullMarked
package com.split.yahoo.market;

import org.jspecify.annotations.NullMarked;
