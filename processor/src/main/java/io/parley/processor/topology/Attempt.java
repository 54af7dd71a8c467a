package io.parley.processor.topology;

import io.parley.schemas.DeadLetter;

/**
 * The result of a stage that may fail on bad input: a value, or the dead letter that replaces it.
 *
 * @param value the result, or null when the stage failed
 * @param failure the dead letter, or null when the stage succeeded
 * @param <V> result type
 */
public record Attempt<V>(V value, DeadLetter failure) {

  static <V> Attempt<V> ok(final V value) {
    return new Attempt<>(value, null);
  }

  static <V> Attempt<V> failed(final DeadLetter failure) {
    return new Attempt<>(null, failure);
  }

  boolean isFailure() {
    return failure != null;
  }
}
