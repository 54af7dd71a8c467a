package io.parley.processor.rounds;

import io.parley.schemas.Article;
import io.parley.schemas.Round;

/**
 * What round assignment emits: the article with its round id and the round's new state (for
 * alerting; not published), or a round alone — closed for inactivity, marked overdue, or its latest
 * state, published to {@code parley.rounds}.
 *
 * @param article the assigned article, or null for a round alone
 * @param round the round after the change
 */
public record RoundUpdate(Article article, Round round) {}
