package io.parley.schemas;

import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** The top-level records of the contract (SPEC §3), in one place. */
public final class ParleyRecords {

  /** Every top-level record class that travels on a topic. */
  public static final List<Class<? extends SpecificRecordBase>> CLASSES =
      List.of(
          FeedConfig.class,
          RawItem.class,
          FeedStatus.class,
          Article.class,
          Signal.class,
          Round.class,
          Alert.class,
          DeadLetter.class);

  private ParleyRecords() {}

  /**
   * A copy of {@code record} that shares its field values, lists included, made into
   * {@code empty} (a generated class's no-argument constructor). {@code newBuilder(record)}
   * deep-copies every list and nested record, only for the caller to replace most of them: a
   * round's article ids, an article's signals, once per article. Records are not changed in place
   * anywhere in Parley, so sharing their lists is safe; set a new list rather than adding to one.
   */
  public static <T extends SpecificRecordBase> T shallowCopy(final T record, final Supplier<T> empty) {
    final T copy = empty.get();
    final int fields = record.getSchema().getFields().size();
    for (int i = 0; i < fields; i++) {
      copy.put(i, record.get(i));
    }
    return copy;
  }

  static List<Schema> currentSchemas() {
    return List.of(
        FeedConfig.getClassSchema(),
        RawItem.getClassSchema(),
        FeedStatus.getClassSchema(),
        Article.getClassSchema(),
        Signal.getClassSchema(),
        Round.getClassSchema(),
        Alert.getClassSchema(),
        DeadLetter.getClassSchema());
  }
}
