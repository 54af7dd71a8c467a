package io.parley.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.processor.runtime.TopicAdmin;
import io.parley.schemas.Topic;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker is a real broker: topics are created and checked through AdminClient. */
class EmbeddedKafkaIT {

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static Admin admin;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    admin.close();
    kafka.close();
  }

  @Test
  void createsTheCatalogueWithItsPoliciesAndIsIdempotent() throws Exception {
    final Topics topics = Topics.withPrefix("t1.");
    final TopicAdmin topicAdmin = new TopicAdmin(admin, Duration.ofSeconds(30));
    topicAdmin.ensure(topics, 2, (short) 1);
    topicAdmin.ensure(topics, 2, (short) 1); // second start: nothing to do, no error

    assertThat(admin.listTopics().names().get()).containsAll(
        topics.all().stream().map(Topic::name).toList());
    assertThat(admin.describeTopics(List.of("t1.alerts")).allTopicNames().get().get("t1.alerts").partitions())
        .hasSize(2);
  }

  @Test
  void existingTopicWithAnotherCleanupPolicyStopsStartup() throws Exception {
    final Topics topics = Topics.withPrefix("t2.");
    admin.createTopics(List.of(new NewTopic("t2.rounds", 1, (short) 1)
        .configs(Map.of("cleanup.policy", "delete")))).all().get();

    assertThatThrownBy(() -> new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(topics, 1, (short) 1))
        .isInstanceOf(TopicAdmin.TopicSetupException.class)
        .hasMessage("topic t2.rounds exists with cleanup.policy=delete but Parley needs compact;"
            + " use another --topic-prefix or fix the topic");
  }

  /** Index files are mapped at 1 MiB, not the 10 MiB default: faults in the sparse mapping were most of the broker's CPU (BENCHMARKS.md). */
  @Test
  void topicsMapSmallIndexes() throws Exception {
    admin.createTopics(List.of(new NewTopic("t3.indexed", 1, (short) 1))).all().get();
    final org.apache.kafka.common.config.ConfigResource topic =
        new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "t3.indexed");
    // A topic just created can be unknown for a moment to the broker answering describeConfigs:
    // KRaft hands it the new metadata asynchronously (CI saw UnknownTopicOrPartitionException).
    await().atMost(Duration.ofSeconds(30))
        .ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
        .untilAsserted(() -> assertThat(
            admin.describeConfigs(List.of(topic)).all().get().get(topic).get("segment.index.bytes").value())
            .isEqualTo(Integer.toString(1024 * 1024)));
  }

  /** Regression: a second start on the same data directory reformatted it with a new cluster id and failed. */
  @Test
  void restartsOnItsOwnLogsWithTheirRecords() throws Exception {
    EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("restarted"));
    try {
      try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        a.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      final String address = broker.bootstrapServers();
      broker = broker.restart();
      assertThat(broker.bootstrapServers()).isEqualTo(address);
      try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        assertThat(a.listTopics().names().get()).contains("kept");
      }
    } finally {
      broker.close();
    }
  }
}
