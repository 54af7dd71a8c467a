package io.parley.processor.rounds;

import io.parley.schemas.RoundStatus;
import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import java.util.List;

/**
 * Round status from the news of its articles: PROPOSED → SCHEDULED → HELD → AGREED | NO_DEAL |
 * CANCELLED. Status only moves forward; background mentions do not move it.
 */
final class RoundStatuses {

  private RoundStatuses() {}

  static RoundStatus advance(final RoundStatus current, final List<Signal> signals) {
    RoundStatus status = current;
    for (final Signal s : signals) {
      if (s.getSalience() == Salience.BACKGROUND) {
        continue;
      }
      final RoundStatus implied = implied(s);
      if (implied != null && rank(implied) > rank(status)) {
        status = implied;
      }
    }
    return status;
  }

  private static RoundStatus implied(final Signal s) {
    return switch (s.getType()) {
      case MEETING -> switch (s.getMode()) {
        case PROPOSED -> RoundStatus.PROPOSED;
        case SCHEDULED -> RoundStatus.SCHEDULED;
        case HELD -> RoundStatus.HELD;
        case CANCELLED -> RoundStatus.CANCELLED;
        default -> null;
      };
      case AGREEMENT -> switch (s.getMode()) {
        case SIGNED -> RoundStatus.AGREED;
        case REJECTED -> RoundStatus.NO_DEAL;
        default -> null;
      };
      case CEASEFIRE -> s.getMode() == SignalMode.AGREED ? RoundStatus.AGREED : null;
      default -> null;
    };
  }

  static int rank(final RoundStatus status) {
    return switch (status) {
      case PROPOSED -> 0;
      case SCHEDULED -> 1;
      case HELD -> 2;
      case AGREED, NO_DEAL, CANCELLED -> 3;
    };
  }
}
