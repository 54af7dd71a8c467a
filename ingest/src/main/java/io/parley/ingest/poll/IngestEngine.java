package io.parley.ingest.poll;

import io.parley.ingest.IngestConfig;
import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedParser;
import io.parley.ingest.websub.WebSubClient;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/** Wires the poller, the transactional publisher, the scheduler and the group assignment. */
public final class IngestEngine implements AutoCloseable {

  private final Publisher publisher;
  private final PollScheduler scheduler;
  private final FeedAssignments assignments;
  /** Reads what hubs pushed, for the feeds this instance owns; null without WebSub. */
  private final PushReader pushes;

  public IngestEngine(final IngestConfig config, final FeedFetcher fetcher, final FeedParser parser, final Clock clock,
      final Topics topics, final Map<String, Object> kafka, final Consumer<FeedStatus> onStatus,
      final Consumer<String> onDeadLetter) {
    final FeedAssignments[] holder = new FeedAssignments[1];
    this.publisher = new Publisher(kafka, topics.prefix() + "ingest-" + config.instanceId(), topics,
        () -> holder[0] == null ? null : holder[0].position());
    final WebSubClient webSub = config.webSub().map(w -> new WebSubClient(w, config.userAgent(), config.connectTimeout(),
        uri -> config.allowPrivateFeeds() ? null : FeedFetcher.privateAddress(uri))).orElse(null);
    this.scheduler = new PollScheduler(new FeedPoller(fetcher, parser, clock, config.seenCapacity(), config.pollPolicy(),
        webSub != null), publisher, config.fetchThreads(), config.seenCapacity(), config.perHostFetches(), onStatus, webSub);
    this.pushes = webSub == null ? null : new PushReader(kafka, topics, scheduler::pushed);
    this.assignments = new FeedAssignments(kafka, topics, scheduler, dead -> {
      publisher.deadLetter(dead);
      onDeadLetter.accept(dead.getStage());
    });
    holder[0] = assignments;
  }

  public void start() {
    if (pushes != null) {
      pushes.start();
    }
    assignments.start();
  }

  public Producer<byte[], byte[]> producer() {
    return publisher.client();
  }

  public Set<String> owned() {
    return scheduler.owned();
  }

  /** Why this instance cannot take or publish feeds now — fenced, a failing transaction, a failing assignment — if so. */
  public Optional<String> notPublishing() {
    final Optional<String> publishing = publisher.cannotPublish();
    if (publishing.isPresent()) {
      return publishing;
    }
    if (pushes != null && !pushes.alive()) {
      return Optional.of("WebSub push reader stopped");
    }
    return assignments.failing();
  }

  @Override
  public void close() {
    if (pushes != null) {
      pushes.close();
    }
    assignments.close();
    scheduler.close();
    publisher.close();
  }
}
