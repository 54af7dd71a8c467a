package io.parley.ingest.feed;

import io.parley.schemas.PollOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one HTTP fetch of a feed.
 *
 * @param outcome OK (body present), NOT_MODIFIED, or the failure kind
 * @param httpStatus the final HTTP status, or empty when no response arrived
 * @param body the decoded body for OK, else null
 * @param contentType the Content-Type header, or null
 * @param etag validator for the next conditional GET, or null
 * @param lastModified validator for the next conditional GET, or null
 * @param retryAfter the server's Retry-After, when it sent one
 * @param latency time from request to complete body
 * @param error one line for humans when the fetch failed, else null
 * @param maxAge the response's Cache-Control max-age, when it sent one
 * @param movedTo the new URL after a permanent redirect (301/308), when there was one
 * @param links the response's {@code Link} headers (RFC 8288), where a feed may advertise its
 *     WebSub hub and topic
 */
public record FetchResult(
    PollOutcome outcome,
    Optional<Integer> httpStatus,
    byte[] body,
    String contentType,
    String etag,
    String lastModified,
    Optional<Duration> retryAfter,
    Duration latency,
    String error,
    Optional<Duration> maxAge,
    Optional<String> movedTo,
    List<String> links) {

  static FetchResult failed(final PollOutcome outcome, final Integer status, final Duration latency,
      final String error) {
    return new FetchResult(outcome, Optional.ofNullable(status), null, null, null, null,
        Optional.empty(), latency, error, Optional.empty(), Optional.empty(), List.of());
  }
}
