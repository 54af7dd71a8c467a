package io.parley.processor.topology;

import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import java.time.Instant;

/**
 * What the topology reports as it works, for metrics. Called on stream threads; implementations
 * must be thread-safe and fast. Under exactly-once a task that is retried after an aborted
 * transaction reports its records again, so counts may run slightly ahead of committed output.
 */
public interface TopologyListener {

  /** Reports nothing. */
  TopologyListener NONE = new TopologyListener() { };

  /** A new article (not a duplicate) was coded. */
  default void article(final Article article) { }

  /** A record went to the dead-letter topic from {@code stage}. */
  default void deadLetter(final String stage) { }

  /** The same story arrived again and was kept once. */
  default void duplicate() { }

  /**
   * An alert revision was produced.
   *
   * @param published when the article behind it was published; null for an alert raised by event
   *     time passing (an overdue meeting)
   * @param ingested when that article's item was fetched; null likewise
   */
  default void alert(final Alert alert, final Instant published, final Instant ingested) { }
}
