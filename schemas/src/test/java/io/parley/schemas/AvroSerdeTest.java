package io.parley.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

  static List<SpecificRecordBase> records() {
    return Samples.all();
  }

  @ParameterizedTest
  @MethodSource("records")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void everyRecordRoundTrips(final SpecificRecordBase record) {
    final AvroSerde serde = AvroSerde.of(record.getClass());
    final byte[] bytes = serde.serialize("t", record);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(serde.deserialize("t", bytes)).isEqualTo(record);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest
  @MethodSource("io.parley.schemas.Samples#all")
  void encodesTheSameBytesAsAvrosMessageEncoder(final SpecificRecordBase record) throws IOException {
    final AvroSerde serde = AvroSerde.of(record.getClass());
    final ByteBuffer expected = new BinaryMessageEncoder<>(org.apache.avro.specific.SpecificData.getForClass(record.getClass()),
        record.getSchema()).encode(record);
    final byte[] bytes = new byte[expected.remaining()];
    expected.get(bytes);
    assertThat(serde.encode(record)).isEqualTo(bytes);
  }

  @Test
  void nullIsATombstoneBothWays() {
    final AvroSerde<FeedConfig> serde = AvroSerde.of(FeedConfig.class);
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }

  @Test
  void unknownFingerprintIsOneClearLine() {
    final byte[] bytes = AvroSerde.of(Article.class).encode(Samples.article());
    bytes[5] ^= 0x5A; // a fingerprint no schema has

    assertThatThrownBy(() -> AvroSerde.of(Article.class).decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("unknown schema fingerprint ")
        .hasMessageContaining("for Article")
        .hasMessageNotContaining("\n");
  }

  @Test
  void bytesWithoutTheHeaderAreRefusedClearly() {
    assertThatThrownBy(() -> AvroSerde.of(RawItem.class).decode("{\"title\":\"x\"}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessage("not a Parley RawItem record: expected Avro single-object encoding (header C3 01), got 7B 22 (13 bytes)");
    assertThatThrownBy(() -> AvroSerde.of(RawItem.class).decode(new byte[0]))
        .hasMessageEndingWith("got an empty value");
  }

  @Test
  void truncatedBodyIsReportedAsCorrupt() {
    final byte[] bytes = AvroSerde.of(Article.class).encode(Samples.article());
    final byte[] truncated = Arrays.copyOf(bytes, 20);

    assertThatThrownBy(() -> AvroSerde.of(Article.class).decode(truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("corrupt Article record (20 bytes, schema ");
  }

  /** Regression: a header cut short was reported as "expected header C3 01, got C3 01". */
  @Test
  void headerCutShortIsReportedAsTruncated() {
    assertThatThrownBy(() -> AvroSerde.of(Article.class).decode(new byte[] {(byte) 0xC3, 0x01, 9, 9, 9}))
        .isInstanceOf(SerializationException.class)
        .hasMessage("not a Parley Article record: truncated, 5 bytes where the header and fingerprint alone take 10");
  }

  @Test
  void recordWrittenWithAnOlderSchemaDecodesIntoTheCurrentClass() throws IOException {
    final Schema older = olderArticleSchema();
    final GenericRecord old = new GenericData.Record(older);
    old.put("articleId", "a-old");
    old.put("itemKey", "f1:old");
    old.put("title", "Talks held");
    old.put("text", "The envoy met the president.");
    old.put("source", "Wire");
    old.put("feedId", "f1");
    old.put("published", Samples.T0.toEpochMilli());
    old.put("ingested", Samples.T0.toEpochMilli());
    old.put("fingerprint", "ff");
    old.put("track", "RU-UA");
    old.put("rulesVersion", "0");
    final ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
    final byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);

    // Without the older schema in the store, the record cannot be read...
    assertThatThrownBy(() -> AvroSerde.of(Article.class).decode(bytes))
        .hasMessageStartingWith("unknown schema fingerprint");
    // ...with it, the record resolves into the current class, new fields at their defaults.
    final Article article = AvroSerde.of(Article.class, ParleySchemaStore.withExtra(older)).decode(bytes);
    assertThat(article.getArticleId()).isEqualTo("a-old");
    assertThat(article.getTrack()).isEqualTo("RU-UA");
    assertThat(article.getPublished()).isEqualTo(Samples.T0);
    assertThat(article.getSignals()).isEmpty();
    assertThat(article.getActors()).isEmpty();
    assertThat(article.getLanguage()).isNull();
    assertThat(article.getRoundId()).isNull();
  }

  private static Schema olderArticleSchema() throws IOException {
    try (InputStream in = AvroSerdeTest.class.getResourceAsStream("Article-draft.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }
}
