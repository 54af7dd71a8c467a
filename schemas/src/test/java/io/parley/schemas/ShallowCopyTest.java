package io.parley.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShallowCopyTest {

  @Test
  void copiesEveryFieldOfEveryRecordAndLeavesTheOriginalAlone() {
    for (final org.apache.avro.specific.SpecificRecordBase sample : Samples.all()) {
      final org.apache.avro.specific.SpecificRecordBase copy = ParleyRecords.shallowCopy(sample, () -> {
        try {
          return sample.getClass().getDeclaredConstructor().newInstance();
        } catch (final ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(copy).as(sample.getSchema().getName()).isEqualTo(sample).isNotSameAs(sample);
    }
    final Round round = Samples.round();
    final Round copy = ParleyRecords.shallowCopy(round, Round::new);
    copy.setArticleIds(List.of("a1", "a2", "a3"));
    copy.setClosed(!round.getClosed());
    assertThat(round).isEqualTo(Samples.round());
    assertThat(AvroSerde.of(Round.class).decode(AvroSerde.of(Round.class).encode(copy))).isEqualTo(copy);
  }
}
