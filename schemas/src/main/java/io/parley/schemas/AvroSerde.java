package io.parley.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated record in Avro single-object encoding ({@code C3 01}, the 8-byte
 * CRC-64-AVRO fingerprint of the writer schema, then the binary body).
 *
 * <p>No registry is needed: the writer schema is looked up in a {@link SchemaStore} that knows
 * every released version, and resolved against the current class. A record this build cannot read
 * fails with one clear {@link SerializationException} message, never a page of Avro internals.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecordBase>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  private static final byte V1_HEADER_0 = (byte) 0xC3;
  private static final byte V1_HEADER_1 = (byte) 0x01;

  private final Class<T> type;
  /** {@code C3 01} and the writer schema's fingerprint, little-endian: what starts every record. */
  private final byte[] header;
  private final SpecificDatumWriter<T> writer;
  private final BinaryMessageDecoder<T> decoder;

  static {
    ParleySchemaStore.trustGeneratedClasses();
  }

  /** An output buffer and a binary encoder per thread, reused by every serde on it. */
  private static final class Buffers {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    BinaryEncoder encoder;
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private AvroSerde(final Class<T> type, final SchemaStore store) {
    this.type = type;
    final SpecificData model = SpecificData.getForClass(type);
    final Schema schema = model.getSchema(type);
    this.header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put(V1_HEADER_0).put(V1_HEADER_1)
        .putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.decoder = new BinaryMessageDecoder<>(model, schema, store);
  }

  /** A serde for {@code type} backed by {@link ParleySchemaStore#standard()}. */
  public static <T extends SpecificRecordBase> AvroSerde<T> of(final Class<T> type) {
    return new AvroSerde<>(type, ParleySchemaStore.standard());
  }

  /** A serde for {@code type} backed by the given store. */
  public static <T extends SpecificRecordBase> AvroSerde<T> of(
      final Class<T> type, final SchemaStore store) {
    return new AvroSerde<>(type, store);
  }

  /** Encodes one record; {@code null} stays {@code null} (a tombstone). */
  public byte[] encode(final T record) {
    if (record == null) {
      return null;
    }
    // The same bytes as Avro's BinaryMessageEncoder (a test compares them), through a buffered
    // encoder and a buffer kept per thread: the message encoder writes the body an int at a time
    // into a synchronized stream.
    try {
      final Buffers buffers = BUFFERS.get();
      buffers.out.reset();
      buffers.out.write(header);
      buffers.encoder = EncoderFactory.get().binaryEncoder(buffers.out, buffers.encoder);
      writer.write(record, buffers.encoder);
      buffers.encoder.flush();
      return buffers.out.toByteArray();
    } catch (final IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new SerializationException(
          "cannot encode " + type.getSimpleName() + ": " + oneLine(e), e);
    }
  }

  /** Decodes one record; {@code null} stays {@code null} (a tombstone). */
  public T decode(final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length >= 2 && bytes.length < 10 && bytes[0] == V1_HEADER_0 && bytes[1] == V1_HEADER_1) {
      throw new SerializationException("not a Parley " + type.getSimpleName() + " record: truncated, "
          + bytes.length + " bytes where the header and fingerprint alone take 10");
    }
    if (bytes.length < 10 || bytes[0] != V1_HEADER_0 || bytes[1] != V1_HEADER_1) {
      throw new SerializationException(
          "not a Parley " + type.getSimpleName()
              + " record: expected Avro single-object encoding (header C3 01), got "
              + headerOf(bytes));
    }
    try {
      return decoder.decode(bytes);
    } catch (final MissingSchemaException e) {
      throw new SerializationException(
          "unknown schema fingerprint " + fingerprintOf(bytes) + " for " + type.getSimpleName()
              + ": written by a schema this build does not know (newer Parley, or foreign data)");
    } catch (final BadHeaderException e) {
      throw new SerializationException(
          "not a Parley " + type.getSimpleName() + " record: " + oneLine(e));
    } catch (final IOException | RuntimeException e) {
      throw new SerializationException(
          "corrupt " + type.getSimpleName() + " record (" + bytes.length + " bytes, schema "
              + fingerprintOf(bytes) + "): " + oneLine(e));
    }
  }

  /** The generated class this serde reads and writes. */
  public Class<T> type() {
    return type;
  }

  @Override
  public byte[] serialize(final String topic, final T data) {
    return encode(data);
  }

  @Override
  public T deserialize(final String topic, final byte[] data) {
    return decode(data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    // nothing to configure: the schema store is fixed at construction
  }

  @Override
  public void close() {
    // stateless
  }

  /** The writer-schema fingerprint of an encoded record, as 16 hex digits. */
  static String fingerprintOf(final byte[] bytes) {
    final long fp = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return String.format(Locale.ROOT, "%016x", fp);
  }

  private static String headerOf(final byte[] bytes) {
    if (bytes.length == 0) {
      return "an empty value";
    }
    final StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(2, bytes.length); i++) {
      sb.append(String.format(Locale.ROOT, "%02X ", bytes[i]));
    }
    return sb.toString().strip() + " (" + bytes.length + " bytes)";
  }

  private static String oneLine(final Throwable e) {
    final String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    final String line = msg.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
