package io.parley.processor.topology;

import io.parley.processor.normalize.Normalizer;
import io.parley.processor.signals.ArticleCoder;
import io.parley.schemas.Article;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.DeadLetter;
import io.parley.schemas.RawItem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Raw item bytes → coded {@link Article}, or a {@link DeadLetter} with the original bytes and the
 * reason when the bytes cannot be decoded or the item cannot become an article. Decoding happens
 * here rather than in the source's serde so that a poison record is kept, with its reason, instead
 * of being skipped by a deserialization handler.
 */
final class CodeArticles implements FixedKeyProcessor<String, byte[], Attempt<Article>> {

  private final AvroSerde<RawItem> rawSerde;
  private final Normalizer normalizer;
  private final ArticleCoder coder;
  private final TopologyListener listener;
  private FixedKeyProcessorContext<String, Attempt<Article>> context;

  CodeArticles(final AvroSerde<RawItem> rawSerde, final Normalizer normalizer, final ArticleCoder coder,
      final TopologyListener listener) {
    this.rawSerde = rawSerde;
    this.normalizer = normalizer;
    this.coder = coder;
    this.listener = listener;
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, Attempt<Article>> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<String, byte[]> record) {
    String stage = "decode";
    try {
      final RawItem raw = rawSerde.decode(record.value());
      if (raw == null) {
        return; // a tombstone carries no item
      }
      stage = "normalize";
      final Article article = normalizer.normalize(raw);
      stage = "signals";
      final Article coded = coder.code(article);
      listener.article(coded);
      context.forward(record.withValue(Attempt.ok(coded)));
    } catch (final RuntimeException e) {
      listener.deadLetter(stage);
      context.forward(record.withValue(Attempt.failed(deadLetter(stage, record, e))));
    }
  }

  private DeadLetter deadLetter(final String stage, final FixedKeyRecord<String, byte[]> record,
      final RuntimeException e) {
    final RecordMetadata meta = context.recordMetadata().orElse(null);
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setTopic(meta == null ? null : meta.topic())
        .setPartition(meta == null ? null : meta.partition())
        .setOffset(meta == null ? null : meta.offset())
        .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
        .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .setError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""))
        .setErrorClass(e.getClass().getName())
        .setFailedAt(Instant.ofEpochMilli(record.timestamp()))
        .build();
  }
}
