package io.parley.ingest.poll;

import io.parley.schemas.DeadLetter;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.RawItem;
import java.util.List;

/**
 * One poll, ready to publish in one transaction: the new items and the status carrying the feed's
 * state after them. The in-memory state advances only once the transaction commits.
 *
 * @param status the status to publish (with the updated state)
 * @param items the new items
 * @param refused new items refused, as dead letters for {@code parley.dlq}
 * @param validatorsChanged whether etag/lastModified come from this poll
 * @param etag the new ETag
 * @param lastModified the new Last-Modified
 */
record PollResult(FeedStatus status, List<RawItem> items, List<DeadLetter> refused, boolean validatorsChanged,
    String etag, String lastModified) {}
