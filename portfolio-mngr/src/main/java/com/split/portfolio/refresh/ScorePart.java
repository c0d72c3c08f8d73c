package com.split.portfolio.refresh;

/**
 * One part of a recommendation's score, as final-sel weighed it: the score is the sum of {@code score × weight}.
 *
 * @param name the sub-score, such as {@code quality} or {@code momentum}
 * @param score 0 to 1
 * @param weight its weight in the score, 0 to 1
 * @param known false when final-sel lacked the input and used a neutral stand-in
 */
record ScorePart(String name, double score, double weight, boolean known) {}
