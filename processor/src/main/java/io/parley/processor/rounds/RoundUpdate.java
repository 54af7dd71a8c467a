package io.parley.processor.rounds;

import io.parley.schemas.Article;
import io.parley.schemas.Round;

/**
 * What round assignment emits: the article with its round id and the round's new state (for
 * alerting; not published), or a round alone — closed for inactivity, marked overdue, or its latest
 * state, published to {@code parley.rounds} — or a closed round that is forgotten (not published:
 * its state is dropped downstream too).
 *
 * @param article the assigned article, or null for a round alone
 * @param round the round after the change
 * @param forgotten whether the round has left the store for good: no coverage can join it again,
 *     so nothing it raised can be revised
 */
public record RoundUpdate(Article article, Round round, boolean forgotten) {

  public RoundUpdate(final Article article, final Round round) {
    this(article, round, false);
  }

  /** A closed round dropped from the store. */
  static RoundUpdate forgotten(final Round round) {
    return new RoundUpdate(null, round, true);
  }
}
