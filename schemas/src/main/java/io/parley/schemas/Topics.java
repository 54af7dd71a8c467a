package io.parley.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalogue of SPEC §2: every topic Parley reads or writes, declared once with its serdes
 * and cleanup policy. Immutable; build one per prefix with {@link #withPrefix(String)}.
 *
 * @param prefix common prefix of every name, e.g. {@code parley.}
 * @param feeds feed list, compacted, key feedId
 * @param rawItems items as published by feeds, key itemKey
 * @param feedStatus outcome of each poll, compacted, key feedId
 * @param articles normalized articles with signals and round, key articleId
 * @param rounds latest state of each round, compacted, key roundId
 * @param alerts alerts and their revisions, key roundId
 * @param dlq records a stage could not process, key the original key
 * @param feedPushes what WebSub hubs told any ingest instance (content pushed, subscriptions
 *     verified), for the instance that owns the feed, key feedId
 */
public record Topics(
    String prefix,
    Topic<String, FeedConfig> feeds,
    Topic<String, RawItem> rawItems,
    Topic<String, FeedStatus> feedStatus,
    Topic<String, Article> articles,
    Topic<String, Round> rounds,
    Topic<String, Alert> alerts,
    Topic<byte[], DeadLetter> dlq,
    Topic<String, FeedPush> feedPushes) {

  /** The default prefix. */
  public static final String DEFAULT_PREFIX = "parley.";

  // Kafka topic names allow [a-zA-Z0-9._-] up to 249 chars; keep room for the suffixes.
  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{0,200}");

  private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
  private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;

  /** The catalogue with the default prefix {@code parley.}. */
  public static Topics standard() {
    return withPrefix(DEFAULT_PREFIX);
  }

  /**
   * The catalogue with names {@code prefix + "feeds"} and so on.
   *
   * @throws IllegalArgumentException if the prefix holds characters Kafka refuses in topic names
   */
  public static Topics withPrefix(final String prefix) {
    if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix '" + prefix + "' is not valid: use letters, digits, '.', '_' or '-'");
    }
    return new Topics(
        prefix,
        new Topic<>(prefix + "feeds", Serdes.String(), AvroSerde.of(FeedConfig.class), COMPACT, Optional.empty()),
        new Topic<>(prefix + "raw-items", Serdes.String(), AvroSerde.of(RawItem.class), DELETE, Optional.of(Duration.ofDays(7))),
        new Topic<>(prefix + "feed-status", Serdes.String(), AvroSerde.of(FeedStatus.class), COMPACT, Optional.empty()),
        new Topic<>(prefix + "articles", Serdes.String(), AvroSerde.of(Article.class), DELETE, Optional.empty()),
        new Topic<>(prefix + "rounds", Serdes.String(), AvroSerde.of(Round.class), COMPACT, Optional.empty()),
        new Topic<>(prefix + "alerts", Serdes.String(), AvroSerde.of(Alert.class), DELETE, Optional.empty()),
        new Topic<>(prefix + "dlq", Serdes.ByteArray(), AvroSerde.of(DeadLetter.class), DELETE, Optional.of(Duration.ofDays(14))),
        new Topic<>(prefix + "feed-pushes", Serdes.String(), AvroSerde.of(FeedPush.class), DELETE, Optional.of(Duration.ofDays(1))));
  }

  /** Every topic, in pipeline order. */
  public List<Topic<?, ?>> all() {
    return List.of(feeds, rawItems, feedStatus, articles, rounds, alerts, dlq, feedPushes);
  }
}
