package io.parley.schemas;

import java.util.List;
import org.apache.avro.Schema;

/** The top-level records of the contract (SPEC §3), in one place. */
public final class ParleyRecords {

  /** Every top-level record class that travels on a topic. */
  public static final List<Class<? extends org.apache.avro.specific.SpecificRecordBase>> CLASSES =
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
