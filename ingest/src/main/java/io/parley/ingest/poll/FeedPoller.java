package io.parley.ingest.poll;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedParseException;
import io.parley.ingest.feed.FeedParser;
import io.parley.ingest.feed.FetchResult;
import io.parley.ingest.feed.ParsedFeed;
import io.parley.ingest.websub.WebSubLinks;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.DeadLetter;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.RawItem;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed once: fetch, parse, pick the items not published before, and build the status
 * that carries the feed's state after them. Publishes nothing and never throws for a bad feed:
 * every outcome becomes a status.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  /**
   * The largest item record published: half of Kafka's default 1 MB record, so a poll's
   * transaction never fails on one item. A real article is far smaller (a long feature: ~100 KB).
   */
  static final int MAX_ITEM_BYTES = 512 * 1024;

  private static final AvroSerde<RawItem> RAW_ITEMS = AvroSerde.of(RawItem.class);

  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final Clock clock;
  private final int seenCapacity;
  private final PollPolicy policy;
  /** Whether hubs are subscribed to (WebSub configured): then a feed's hub is recorded in its status. */
  private final boolean webSub;

  /** A poller of fixed intervals. */
  public FeedPoller(final FeedFetcher fetcher, final FeedParser parser, final Clock clock, final int seenCapacity) {
    this(fetcher, parser, clock, seenCapacity, PollPolicy.fixed());
  }

  public FeedPoller(final FeedFetcher fetcher, final FeedParser parser, final Clock clock, final int seenCapacity,
      final PollPolicy policy) {
    this(fetcher, parser, clock, seenCapacity, policy, false);
  }

  public FeedPoller(final FeedFetcher fetcher, final FeedParser parser, final Clock clock, final int seenCapacity,
      final PollPolicy policy, final boolean webSub) {
    this.fetcher = fetcher;
    this.parser = parser;
    this.clock = clock;
    this.seenCapacity = seenCapacity;
    this.policy = policy;
    this.webSub = webSub;
  }

  /**
   * Moves items whose record would be larger than {@link #MAX_ITEM_BYTES} from {@code items} to
   * {@code refused}, as dead letters that say what the item was and why. One such item used to fail
   * its poll's transaction — and every other feed's poll in it — on every poll of its feed.
   */
  private void refuseOversized(final List<RawItem> items, final List<DeadLetter> refused, final Instant now) {
    for (final Iterator<RawItem> it = items.iterator(); it.hasNext(); ) {
      final RawItem item = it.next();
      if (textChars(item) * 3L + 4_096 <= MAX_ITEM_BYTES) {
        continue; // even at three bytes a character, far under the limit: no need to encode it
      }
      final int size = RAW_ITEMS.encode(item).length;
      if (size <= MAX_ITEM_BYTES) {
        continue;
      }
      it.remove();
      refused.add(DeadLetter.newBuilder().setStage("ingest").setTopic(null)
          .setKey(ByteBuffer.wrap(item.getItemKey().getBytes(StandardCharsets.UTF_8)))
          .setError("item too large: " + size + " bytes, the limit is " + MAX_ITEM_BYTES + " (feed " + item.getFeedId()
              + ", guid " + item.getGuid() + ", link " + item.getLink() + ")")
          .setErrorClass("ItemTooLarge").setFailedAt(now).build());
      LOG.warn("feed {}: item {} refused, {} bytes (limit {})", item.getFeedId(), item.getGuid(), size, MAX_ITEM_BYTES);
    }
  }

  private static long textChars(final RawItem item) {
    return length(item.getTitle()) + length(item.getSummary()) + length(item.getContent()) + length(item.getLink())
        + length(item.getGuid()) + length(item.getFeedTitle()) + length(item.getFeedUrl()) + length(item.getAuthor())
        + item.getCategories().stream().mapToLong(FeedPoller::length).sum();
  }

  private static long length(final String s) {
    return s == null ? 0 : s.length();
  }

  /**
   * The items of a document that are read: all, up to {@link SeenItems#MAX_KEPT} less the
   * configured history (a document of more items than can be remembered is read in part, in the
   * document's order — newest first in practice — and logged).
   */
  private List<RawItem> readable(final List<RawItem> items, final FeedConfig feed) {
    final int max = SeenItems.MAX_KEPT - seenCapacity;
    if (items.size() <= max) {
      return items;
    }
    LOG.warn("feed {} lists {} items; only its first {} are read", feed.getFeedId(), items.size(), max);
    return items.subList(0, max);
  }

  /**
   * Feeds list their newest items first; a poll's new items are published oldest first (stable, by
   * published time; an item without one was stamped with the poll time), so that the processor
   * meets a feed's backlog in the order its events happened, as a replay of the same items does.
   */
  static void oldestFirst(final List<RawItem> items) {
    items.sort(Comparator.comparing(i -> i.getPublished() == null ? i.getFetchedAt() : i.getPublished()));
  }

  PollResult poll(final FeedConfig feed, final FeedState state) {
    final Instant polledAt = clock.instant();
    final FetchResult fetched = fetcher.fetch(URI.create(feed.getUrl()), state.etag, state.lastModified);
    PollOutcome outcome = fetched.outcome();
    String error = fetched.error();
    final List<RawItem> items = new ArrayList<>();
    final List<DeadLetter> refused = new ArrayList<>();
    final List<Long> listed = new ArrayList<>(); // every item of the document, oldest first
    int itemsSeen = 0;
    Optional<Duration> serverWait = max(fetched.retryAfter(), fetched.maxAge());
    List<Integer> skipHours = List.of();
    String hub = state.hub;
    String hubTopic = state.hubTopic;
    double itemsPerHour = state.itemsPerHour;
    if (outcome == PollOutcome.OK) {
      try {
        final ParsedFeed parsed = parser.parse(fetched.body(), fetched.contentType(), feed.getFeedId(),
            feed.getUrl(), polledAt);
        itemsSeen = parsed.items().size();
        final List<RawItem> document = readable(parsed.items(), feed);
        final Set<Long> inThisPoll = new HashSet<>();
        for (final RawItem item : document) {
          final long hash = SeenItems.hash(item.getItemKey());
          if (!state.seen.contains(hash) && inThisPoll.add(hash)) {
            items.add(item);
          }
        }
        if (parsed.ttlMinutes() != null) {
          serverWait = max(serverWait, Optional.of(Duration.ofMinutes(parsed.ttlMinutes())));
        }
        skipHours = parsed.skipHours();
        if (webSub) {
          final WebSubLinks links = WebSubLinks.of(fetched.links(), parsed.hub(), parsed.self(), feed.getUrl());
          hub = links.hub();
          hubTopic = links.self();
        }
        oldestFirst(items);
        refuseOversized(items, refused, polledAt);
        final List<RawItem> all = new ArrayList<>(document);
        oldestFirst(all);
        all.forEach(i -> listed.add(SeenItems.hash(i.getItemKey())));
        final List<Instant> dates = new ArrayList<>(document.size());
        document.forEach(i -> dates.add(i.getPublished()));
        itemsPerHour = policy.learn(state.itemsPerHour, dates, items.size() + refused.size(),
            state.lastPolledAt == null ? null : Duration.between(state.lastPolledAt, polledAt), polledAt);
      } catch (final FeedParseException e) {
        outcome = e.getMessage().startsWith("refused") ? PollOutcome.REFUSED : PollOutcome.PARSE_ERROR;
        error = e.getMessage();
      }
    }
    final boolean validators = outcome == PollOutcome.OK;
    Duration interval = policy.interval(feed, itemsPerHour);
    if (webSub && state.leaseUntil != null && state.leaseUntil.isAfter(polledAt) && interval.compareTo(policy.ceiling()) < 0) {
      interval = policy.ceiling(); // a hub pushes this feed's news: polling is only the safety net
    }
    final Duration next = avoidSkipHours(polledAt, state.scheduleNext(interval, outcome, serverWait), skipHours);
    // What the feed lists now is remembered whole, however long the feed: an item still listed can
    // never look new (the window holds the document plus PARLEY_SEEN_ITEMS_PER_FEED of history).
    final SeenItems after = new SeenItems(seenCapacity);
    after.restore(state.seen.toBytes());
    after.remember(listed);
    final FeedStatus status = FeedStatus.newBuilder()
        .setFeedId(feed.getFeedId())
        .setUrl(fetched.movedTo().orElse(feed.getUrl()))
        .setPolledAt(polledAt)
        .setOutcome(outcome)
        .setHttpStatus(fetched.httpStatus().orElse(null))
        .setLatencyMs(fetched.latency().toMillis())
        .setItemsSeen(itemsSeen)
        .setNewItems(items.size())
        .setItemsRefused(refused.size())
        .setError(error)
        .setNextPollAt(polledAt.plus(next))
        .setEtag(validators ? fetched.etag() : state.etag)
        .setLastModified(validators ? fetched.lastModified() : state.lastModified)
        .setSeen(after.toBytes())
        .setItemsPerHour(itemsPerHour)
        .setIntervalSeconds((int) Math.min(Integer.MAX_VALUE, interval.toSeconds()))
        .setHub(webSub ? hub : null)
        .setHubTopic(webSub ? hubTopic : null)
        .setLeaseUntil(webSub ? state.leaseUntil : null)
        .build();
    if (outcome == PollOutcome.OK || outcome == PollOutcome.NOT_MODIFIED) {
      LOG.debug("feed {}: {} ({} new of {})", feed.getFeedId(), outcome, items.size(), itemsSeen);
    } else {
      LOG.warn("feed {} ({}): {} {}", feed.getFeedId(), feed.getUrl(), outcome, error);
    }
    return new PollResult(status, items, refused, validators, fetched.etag(), fetched.lastModified());
  }

  /**
   * Content a WebSub hub pushed for {@code feed}: parsed, deduplicated and refused like a polled
   * document, with a status that records the push ({@code pushed}) and keeps the feed's poll
   * schedule, validators and learned rate as they were. A body that is not a feed is a status with
   * outcome PARSE_ERROR and no items.
   */
  PollResult pushed(final FeedConfig feed, final FeedState state, final byte[] body, final String contentType,
      final Instant receivedAt) {
    final List<RawItem> items = new ArrayList<>();
    final List<DeadLetter> refused = new ArrayList<>();
    final SeenItems after = new SeenItems(seenCapacity);
    after.restore(state.seen.toBytes());
    PollOutcome outcome = PollOutcome.OK;
    String error = null;
    int itemsSeen = 0;
    try {
      final ParsedFeed parsed = parser.parse(body, contentType, feed.getFeedId(), feed.getUrl(), receivedAt);
      itemsSeen = parsed.items().size();
      final List<RawItem> document = readable(parsed.items(), feed);
      final Set<Long> inThisPush = new HashSet<>();
      for (final RawItem item : document) {
        final long hash = SeenItems.hash(item.getItemKey());
        if (!state.seen.contains(hash) && inThisPush.add(hash)) {
          items.add(item);
        }
      }
      oldestFirst(items);
      refuseOversized(items, refused, receivedAt);
      // A push carries the new entries, not the whole feed: what it held is added to what is remembered.
      final List<Long> pushedKeys = new ArrayList<>();
      final List<RawItem> all = new ArrayList<>(document);
      oldestFirst(all);
      all.forEach(i -> pushedKeys.add(SeenItems.hash(i.getItemKey())));
      after.keep(pushedKeys);
    } catch (final FeedParseException e) {
      outcome = PollOutcome.PARSE_ERROR;
      error = "pushed content: " + e.getMessage();
      LOG.warn("feed {}: content pushed by its hub is not a feed: {}", feed.getFeedId(), e.getMessage());
    }
    final FeedStatus status = FeedStatus.newBuilder()
        .setFeedId(feed.getFeedId())
        .setUrl(feed.getUrl())
        .setPolledAt(receivedAt)
        .setOutcome(outcome)
        .setLatencyMs(Duration.between(receivedAt, clock.instant()).toMillis())
        .setItemsSeen(itemsSeen)
        .setNewItems(items.size())
        .setItemsRefused(refused.size())
        .setError(error)
        .setNextPollAt(state.nextPollAt)
        .setEtag(state.etag)
        .setLastModified(state.lastModified)
        .setSeen(after.toBytes())
        .setItemsPerHour(state.itemsPerHour)
        .setIntervalSeconds(0)
        .setHub(state.hub)
        .setHubTopic(state.hubTopic)
        .setLeaseUntil(state.leaseUntil)
        .setPushed(true)
        .build();
    return new PollResult(status, items, refused, false, null, null);
  }

  /** Moves the next poll out of the feed's declared skipHours (UTC), at most a day ahead. */
  static Duration avoidSkipHours(final Instant now, final Duration next, final List<Integer> skipHours) {
    if (skipHours.isEmpty() || skipHours.size() >= 24) {
      return next;
    }
    Instant at = now.plus(next);
    for (int i = 0; i < 24 && skipHours.contains(at.atZone(ZoneOffset.UTC).getHour()); i++) {
      at = at.atZone(ZoneOffset.UTC).plusHours(1).withMinute(0).withSecond(0).withNano(0).toInstant();
    }
    return Duration.between(now, at);
  }

  private static Optional<Duration> max(final Optional<Duration> a, final Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().compareTo(b.get()) >= 0 ? a : b;
  }
}
