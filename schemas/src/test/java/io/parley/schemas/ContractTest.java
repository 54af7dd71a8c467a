package io.parley.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class ContractTest {

  @Test
  void everyReleasedSchemaIsReadableByTheCurrentClass() {
    for (final Schema released : ParleySchemaStore.loadReleased()) {
      final Schema current = ParleyRecords.currentSchemas().stream()
          .filter(s -> s.getFullName().equals(released.getFullName())).findFirst().orElseThrow();
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, released).getType())
          .as("current %s reads released version", current.getName())
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void storeKnowsEveryCurrentRecord() {
    for (final Schema schema : ParleyRecords.currentSchemas()) {
      assertThat(ParleySchemaStore.standard()
          .findByFingerprint(org.apache.avro.SchemaNormalization.parsingFingerprint64(schema)))
          .isEqualTo(schema);
    }
  }

  @Test
  void avscFilesShipInsideTheJar() throws Exception {
    for (final String name : new String[] {"Article", "Alert", "RawItem", "DeadLetter"}) {
      try (InputStream in = ContractTest.class.getResourceAsStream("/io/parley/schemas/avro/" + name + ".avsc")) {
        assertThat(in).as(name).isNotNull();
      }
    }
  }

  @Test
  void catalogueUsesThePrefixAndTheSpecPolicies() {
    final Topics topics = Topics.withPrefix("test.");
    assertThat(topics.all()).extracting(Topic::name).containsExactly(
        "test.feeds", "test.raw-items", "test.feed-status", "test.articles", "test.rounds",
        "test.alerts", "test.dlq", "test.feed-pushes");
    assertThat(topics.feeds().cleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    assertThat(topics.rounds().cleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    assertThat(topics.feedStatus().cleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    assertThat(topics.alerts().cleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
    assertThat(topics.rawItems().configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000");
    assertThat(topics.dlq().configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "1209600000");
    assertThat(topics.feedPushes().configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "86400000");
    assertThat(Topics.standard().alerts().name()).isEqualTo("parley.alerts");
  }

  @Test
  void illegalPrefixIsRefused() {
    assertThatThrownBy(() -> Topics.withPrefix("my topics/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topic prefix 'my topics/' is not valid");
  }
}
