package io.parley.processor.topology;

import io.parley.schemas.AvroSerde;
import io.parley.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' three exception handlers (KIP-1033, KIP-1034), all answering the same way: the
 * input record that could not be read, processed or written goes to {@code parley.dlq} as a
 * {@link DeadLetter} — its original key and bytes, the stage and the reason — and the stream
 * carries on. Records a processor rejects by design (undecodable raw items, implausible dates) go
 * to the same topic from {@code code-articles}; these handlers catch what nothing anticipated: a
 * corrupted record on an internal topic, a bug hit by one strange article, an output too large
 * for the broker.
 *
 * <p>Streams instantiates the handlers itself; {@link #configure} hands them the topic and the
 * listener through the Streams properties.
 */
public final class DeadLetterHandlers {

  /** Property naming the dead-letter topic. */
  public static final String TOPIC_CONFIG = "parley.dead-letter.topic";
  /** Property carrying the {@link TopologyListener} to report dead letters to. */
  public static final String LISTENER_CONFIG = "parley.dead-letter.listener";

  private DeadLetterHandlers() {}

  /** Installs the three handlers into {@code props}, writing to {@code topic} and reporting to {@code listener}. */
  public static void configure(final Properties props, final String topic, final TopologyListener listener) {
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class.getName());
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Production.class.getName());
    props.put(TOPIC_CONFIG, topic);
    props.put(LISTENER_CONFIG, listener);
  }

  /** What the three handlers share: the topic, the listener and the record they write. */
  private abstract static class Base {
    private static final AvroSerde<DeadLetter> SERDE = AvroSerde.of(DeadLetter.class);
    private String topic;
    private TopologyListener listener = TopologyListener.NONE;

    public void configure(final Map<String, ?> configs) {
      final Object t = configs.get(TOPIC_CONFIG);
      if (t == null) {
        throw new IllegalStateException(TOPIC_CONFIG + " is not set: use DeadLetterHandlers.configure");
      }
      topic = t.toString();
      if (configs.get(LISTENER_CONFIG) instanceof TopologyListener l) {
        listener = l;
      }
    }

    List<ProducerRecord<byte[], byte[]>> deadLetter(final String stage, final ErrorHandlerContext context,
        final byte[] key, final byte[] value, final Exception e) {
      listener.deadLetter(stage);
      final DeadLetter letter = DeadLetter.newBuilder()
          .setStage(stage)
          .setTopic(context.topic())
          .setPartition(context.partition() < 0 ? null : context.partition())
          .setOffset(context.offset() < 0 ? null : context.offset())
          .setKey(key == null ? null : ByteBuffer.wrap(key))
          .setValue(value == null ? null : ByteBuffer.wrap(value))
          .setError(firstLine(e) + " (at " + context.processorNodeId() + ")")
          .setErrorClass(e.getClass().getName())
          .setFailedAt(Instant.now())
          .build();
      return List.of(new ProducerRecord<>(topic, null, key, SERDE.encode(letter)));
    }

    private static String firstLine(final Exception e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
  }

  /** A record on a topic the topology reads (an internal one: raw items are read as bytes) that does not decode. */
  public static final class Deserialization extends Base implements DeserializationExceptionHandler {
    @Override
    public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
        final Exception exception) {
      return Response.resume(deadLetter("deserialize", context, record.key(), record.value(), exception));
    }
  }

  /** An exception thrown by a processor: the input record that led to it is set aside. */
  public static final class Processing extends Base implements ProcessingExceptionHandler {
    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
      return Response.resume(deadLetter("process", context, context.sourceRawKey(), context.sourceRawValue(), exception));
    }
  }

  /**
   * A result that cannot be serialized or that the broker refuses (too large, say). Retriable
   * errors are retried; anything else is set aside with the input that produced it.
   */
  public static final class Production extends Base implements ProductionExceptionHandler {
    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
        final Exception exception) {
      if (exception instanceof RetriableException) {
        return Response.retry();
      }
      return Response.resume(deadLetter("produce", context, context.sourceRawKey(), context.sourceRawValue(), exception));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(final ErrorHandlerContext context, final ProducerRecord record,
        final Exception exception, final SerializationExceptionOrigin origin) {
      return Response.resume(deadLetter("produce", context, context.sourceRawKey(), context.sourceRawValue(), exception));
    }
  }
}
