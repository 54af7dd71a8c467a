package io.parley.ingest.feed;

/** A document is not a feed Parley can read; the message is one line for an operator. */
public final class FeedParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public FeedParseException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
