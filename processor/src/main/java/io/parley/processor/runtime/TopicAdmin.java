package io.parley.processor.runtime;

import io.parley.schemas.Topic;
import io.parley.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Parley's topics with AdminClient at startup and checks existing ones (SPEC §2).
 *
 * <p>An existing topic with another cleanup policy is refused: a compacted {@code rounds} topic
 * that is really {@code delete} would silently lose round state, so it must stop startup.
 */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private final Admin admin;
  private final Duration timeout;

  /**
   * @param admin a connected admin client, owned by the caller
   * @param timeout bound on every admin call
   */
  public TopicAdmin(final Admin admin, final Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Creates every missing topic of {@code topics} and verifies the cleanup policy of existing ones.
   *
   * @param partitions partitions of newly created topics
   * @param replication replication factor of newly created topics
   * @throws TopicSetupException with a one-line reason when the cluster cannot be used
   */
  /** A replication factor not given: 3, or the cluster's broker count when it has fewer (see {@link #replication}). */
  public static final short AUTO_REPLICATION = 0;

  /** Replicas a production topic has when the cluster has the brokers for it. */
  static final int PRODUCTION_REPLICATION = 3;

  /**
   * The replication factor to create topics with: {@code requested}, or for
   * {@link #AUTO_REPLICATION} three replicas — what a production cluster needs to lose a broker
   * and keep writing with {@code min.insync.replicas} 2 — or one a broker on a smaller cluster
   * (the embedded broker: 1).
   */
  public short replication(final short requested) {
    if (requested != AUTO_REPLICATION) {
      return requested;
    }
    final int brokers = get(admin.describeCluster().nodes(), "describe the cluster").size();
    return (short) Math.max(1, Math.min(PRODUCTION_REPLICATION, brokers));
  }

  /**
   * The {@code min.insync.replicas} of a topic with {@code replication} replicas: 2 from three
   * replicas, so an acknowledged write is on two brokers and one broker may be down; else the
   * broker's default.
   */
  public static Map<String, String> minInsync(final short replication) {
    return replication >= PRODUCTION_REPLICATION ? Map.of("min.insync.replicas", "2") : Map.of();
  }

  public void ensure(final Topics topics, final int partitions, final short replication) {
    ensure(topics.all(), partitions, replication);
  }

  /** As {@link #ensure(Topics, int, short)} for any list of topics. */
  public void ensure(final Collection<Topic<?, ?>> topics, final int partitions, final short replication) {
    final Set<String> existing = get(admin.listTopics().names(), "list topics");
    final List<NewTopic> missing = new ArrayList<>();
    for (final Topic<?, ?> topic : topics) {
      if (!existing.contains(topic.name())) {
        final Map<String, String> configs = new java.util.HashMap<>(minInsync(replication));
        configs.putAll(topic.configs());
        missing.add(new NewTopic(topic.name(), partitions, replication).configs(configs));
      }
    }
    if (!missing.isEmpty()) {
      try {
        get(admin.createTopics(missing).all(), "create topics");
        LOG.info("created topics {}", missing.stream().map(NewTopic::name).collect(Collectors.toList()));
      } catch (final TopicSetupException e) {
        // Another instance may have created them in the meantime; that is fine.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    verifyCleanupPolicies(topics);
  }

  private void verifyCleanupPolicies(final Collection<Topic<?, ?>> topics) {
    final List<ConfigResource> resources = topics.stream()
        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
        .collect(Collectors.toList());
    final Map<ConfigResource, Config> configs = describeConfigs(resources);
    for (final Topic<?, ?> topic : topics) {
      final Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
      final String actual = config == null || config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
          ? "" : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
      if (!policySet(actual).equals(policySet(topic.cleanupPolicy()))) {
        throw new TopicSetupException(
            "topic " + topic.name() + " exists with cleanup.policy=" + actual + " but Parley needs "
                + topic.cleanupPolicy() + "; use another --topic-prefix or fix the topic", null);
      }
    }
  }

  /**
   * Topics just created may not be known to every broker yet; a retriable error is retried for a
   * few seconds before it counts.
   */
  private Map<ConfigResource, Config> describeConfigs(final List<ConfigResource> resources) {
    final long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Duration.ofSeconds(10).toNanos());
    while (true) {
      try {
        return get(admin.describeConfigs(resources).all(), "describe topic configs");
      } catch (final TopicSetupException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (final InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static Set<String> policySet(final String policy) {
    return Set.of(policy.replace(" ", "").split(","));
  }

  private <T> T get(final KafkaFuture<T> future, final String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicSetupException("interrupted while trying to " + what, e);
    } catch (final ExecutionException e) {
      final Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new TopicSetupException("cannot " + what + ": no answer from Kafka (" + cause.getMessage() + ")", cause);
      }
      throw new TopicSetupException("cannot " + what + ": " + cause.getMessage(), cause);
    } catch (final TimeoutException e) {
      throw new TopicSetupException(
          "cannot " + what + ": no answer from Kafka within " + timeout.toSeconds() + " s", e);
    }
  }

  /** Topic setup failed; the message is one line for an operator. */
  public static final class TopicSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TopicSetupException(final String message, final Throwable cause) {
      super(message, cause);
    }
  }
}
