package io.parley.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.AvroSerde;
import io.parley.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The processing and production handlers set the input aside in the dead-letter topic and let the stream go on. */
class DeadLetterHandlersTest {

  private final List<String> reported = new ArrayList<>();
  private final TopologyListener listener = new TopologyListener() {
    @Override
    public void deadLetter(final String stage) {
      reported.add(stage);
    }
  };

  /** The context Streams hands a handler: where the input came from and its raw bytes. */
  private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
      TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {}

  private static final Context CONTEXT = new Context("parley.raw-items", 2, 41, new RecordHeaders(), "assign-rounds",
      new TaskId(1, 2), 0, "wire:1".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7});

  private <T extends org.apache.kafka.common.Configurable> T configured(final T handler) {
    handler.configure(Map.of(DeadLetterHandlers.TOPIC_CONFIG, "parley.dlq", DeadLetterHandlers.LISTENER_CONFIG, listener));
    return handler;
  }

  private static DeadLetter letter(final List<ProducerRecord<byte[], byte[]>> records) {
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("parley.dlq");
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("wire:1");
    });
    return AvroSerde.of(DeadLetter.class).decode(records.get(0).value());
  }

  @Test
  void aProcessorBugSetsTheInputAsideAndProcessingResumes() {
    final ProcessingExceptionHandler.Response response = configured(new DeadLetterHandlers.Processing())
        .handleError(CONTEXT, new Record<>("IN-PK", "article", 0), new IllegalStateException("round without a track"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    final DeadLetter letter = letter(response.deadLetterQueueRecords());
    assertThat(letter.getStage()).isEqualTo("process");
    assertThat(letter.getError()).isEqualTo("round without a track (at assign-rounds)");
    assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(letter.getValue().array()).containsExactly(7, 7);
    assertThat(letter.getOffset()).isEqualTo(41L);
    assertThat(reported).containsExactly("process");
  }

  @Test
  void anOutputTheBrokerRefusesIsSetAsideButATimeoutIsRetried() {
    final DeadLetterHandlers.Production handler = configured(new DeadLetterHandlers.Production());
    final ProducerRecord<byte[], byte[]> out = new ProducerRecord<>("parley.alerts", new byte[1], new byte[1]);

    final ProductionExceptionHandler.Response tooLarge = handler.handleError(CONTEXT, out, new RecordTooLargeException("too large"));
    assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(letter(tooLarge.deadLetterQueueRecords()).getStage()).isEqualTo("produce");

    final ProductionExceptionHandler.Response timeout = handler.handleError(CONTEXT, out, new TimeoutException("slow"));
    assertThat(timeout.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    assertThat(reported).containsExactly("produce");
  }
}
