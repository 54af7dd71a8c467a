package io.parley.processor.testing;

import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** An embedded broker with Parley's topics already created, for integration tests. */
public final class TestCluster {

  private TestCluster() {}

  /** Starts a broker under {@code dir} and creates {@code topics} with {@code partitions} partitions. */
  public static EmbeddedKafka start(final Path dir, final Topics topics, final int partitions) {
    final EmbeddedKafka kafka = EmbeddedKafka.start(dir);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(topics, partitions, (short) 1);
    } catch (final RuntimeException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }
}
