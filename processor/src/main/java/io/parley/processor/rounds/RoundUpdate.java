package io.parley.processor.rounds;

import io.parley.schemas.Article;
import io.parley.schemas.Round;

/**
 * What round assignment emits: the article with its round id and the round's new state, or (when
 * a round closes for inactivity) the closed round alone.
 *
 * @param article the assigned article, or null for a closing
 * @param round the round after the change
 */
public record RoundUpdate(Article article, Round round) {}
