package io.parley.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Every schema Parley has ever written, by its CRC-64-AVRO fingerprint.
 *
 * <p>A single-object-encoded record names its writer schema only by fingerprint, so a reader can
 * decode a record written by an older Parley only if it still knows that older schema. The current
 * schemas come from the generated classes; the released older versions are kept as resources under
 * {@code io/parley/schemas/released/} and listed in its {@code index.txt}. Changing a record means
 * copying its previous {@code .avsc} there first (see README, "Evolving the contract").
 */
public final class ParleySchemaStore implements SchemaStore {

  /** Index of released older schema versions, one resource name per line. */
  static final String RELEASED_INDEX = "/io/parley/schemas/released/index.txt";

  private static final ParleySchemaStore DEFAULT = new ParleySchemaStore(loadReleased());

  static {
    trustGeneratedClasses();
  }

  private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

  private ParleySchemaStore(final List<Schema> released) {
    for (final Schema schema : ParleyRecords.currentSchemas()) {
      add(schema);
    }
    for (final Schema schema : released) {
      add(schema);
    }
  }

  /** The store with the current and every released schema. */
  public static ParleySchemaStore standard() {
    return DEFAULT;
  }

  /** A store with the standard schemas plus {@code extra} ones (tests, migrations). */
  public static ParleySchemaStore withExtra(final Schema... extra) {
    final ParleySchemaStore store = new ParleySchemaStore(loadReleased());
    for (final Schema schema : extra) {
      store.add(schema);
    }
    return store;
  }

  private void add(final Schema schema) {
    byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
  }

  @Override
  public Schema findByFingerprint(final long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** A schema Parley writes now, or wrote in a released version, with its fingerprint. */
  public record Known(long fingerprint, Schema schema, boolean current) {

    /** The 8 fingerprint bytes as they follow {@code C3 01} in an encoded record (little-endian), in hex. */
    public String wireHex() {
      final StringBuilder hex = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", (fingerprint >>> (8 * i)) & 0xff));
      }
      return hex.toString();
    }
  }

  /** Every schema known: the current ones first, then the released ones, each by full name. */
  public static List<Known> known() {
    final List<Known> known = new ArrayList<>();
    for (final Schema schema : ParleyRecords.currentSchemas()) {
      known.add(new Known(SchemaNormalization.parsingFingerprint64(schema), schema, true));
    }
    for (final Schema schema : loadReleased()) {
      known.add(new Known(SchemaNormalization.parsingFingerprint64(schema), schema, false));
    }
    return known;
  }

  /** Number of distinct schema versions known. */
  public int size() {
    return byFingerprint.size();
  }

  /** The released older schemas listed in {@link #RELEASED_INDEX}. */
  static List<Schema> loadReleased() {
    final List<Schema> schemas = new ArrayList<>();
    try (InputStream index = ParleySchemaStore.class.getResourceAsStream(RELEASED_INDEX)) {
      if (index == null) {
        return Collections.emptyList();
      }
      final BufferedReader reader =
          new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        final String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        try (InputStream in =
            ParleySchemaStore.class.getResourceAsStream("/io/parley/schemas/released/" + name)) {
          if (in == null) {
            throw new IllegalStateException("released schema listed but missing: " + name);
          }
          // Each released file is self-contained (named types inlined), so a fresh parser works.
          schemas.add(new Schema.Parser().parse(in));
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return schemas;
  }

  /**
   * Avro 1.12.1+ refuses to instantiate classes it does not trust while decoding; Parley's own
   * generated records are trusted here, once, so no deployment needs a system property for it.
   */
  public static void trustGeneratedClasses() {
    final String pkg = ParleySchemaStore.class.getPackageName();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(), c -> pkg.equals(c.getPackageName())));
  }
}
