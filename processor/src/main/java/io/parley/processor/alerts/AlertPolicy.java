package io.parley.processor.alerts;

import io.parley.schemas.Article;
import io.parley.schemas.Salience;
import io.parley.schemas.Severity;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which signals alert, how loudly, and which changes of mode on a track are transitions (SPEC §6). */
public final class AlertPolicy {

  /** Modes that describe something not yet carried out: the only ones a background mention may alert. */
  static final Set<SignalMode> PENDING = EnumSet.of(
      SignalMode.THREATENED, SignalMode.PROPOSED, SignalMode.SCHEDULED, SignalMode.PLEDGED);

  /** Transition alerts: the earlier mode on the same track → the new one, per type. */
  private static final Map<SignalType, Map<SignalMode, SignalMode>> TRANSITIONS = Map.of(
      SignalType.CEASEFIRE, Map.of(SignalMode.VIOLATED, SignalMode.AGREED),
      SignalType.SANCTIONS, Map.of(SignalMode.IMPOSED, SignalMode.THREATENED),
      SignalType.MEETING, Map.of(SignalMode.CANCELLED, SignalMode.SCHEDULED));

  private final Duration backgroundMaxAge;

  public AlertPolicy(final Duration backgroundMaxAge) {
    this.backgroundMaxAge = backgroundMaxAge;
  }

  /**
   * Whether a background mention may alert: still pending, and not dated further back than the
   * configured age. (That its track has not alerted it yet is the caller's check.)
   */
  boolean backgroundMayAlert(final Signal signal, final Instant published) {
    if (signal.getSalience() != Salience.BACKGROUND) {
      return true;
    }
    if (!PENDING.contains(signal.getMode())) {
      return false;
    }
    return BackgroundAge.of(signal.getEvidence(), published)
        .map(age -> age.compareTo(backgroundMaxAge) <= 0).orElse(true);
  }

  /**
   * Whether a signal may open a card. The article's news is in its headline and lede: a signal in
   * the body opens a card only when neither carries a signal (a long piece whose news sits further
   * down); otherwise the body is context — it corroborates cards that news opened, and opens none.
   * A background mention opens a card as {@link #backgroundMayAlert} allows.
   */
  boolean opensCard(final Signal signal, final Article article) {
    if (signal.getSalience() != Salience.BODY) {
      return true;
    }
    for (final Signal s : article.getSignals()) {
      if (s.getSalience() == Salience.HEADLINE || s.getSalience() == Salience.LEDE) {
        return false;
      }
    }
    return true;
  }

  /** The later mode that a transition from {@code mode} leads to, or null ("AGREED" → "VIOLATED"). */
  static SignalMode transitionTo(final SignalType type, final SignalMode mode) {
    return TRANSITIONS.getOrDefault(type, Map.of()).entrySet().stream()
        .filter(e -> e.getValue() == mode).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /** The earlier mode that {@code mode} is a transition from, or null. */
  static SignalMode transitionFrom(final SignalType type, final SignalMode mode) {
    return TRANSITIONS.getOrDefault(type, Map.of()).get(mode);
  }

  static Severity severity(final SignalType type, final SignalMode mode, final boolean transition) {
    if (transition) {
      return Severity.CRITICAL;
    }
    return switch (type) {
      case CEASEFIRE -> mode == SignalMode.AGREED || mode == SignalMode.VIOLATED ? Severity.HIGH : Severity.MEDIUM;
      case SANCTIONS -> mode == SignalMode.IMPOSED ? Severity.HIGH : Severity.MEDIUM;
      case MEETING -> mode == SignalMode.HELD || mode == SignalMode.CANCELLED ? Severity.MEDIUM : Severity.LOW;
      case MILITARY_AID -> mode == SignalMode.CUT ? Severity.HIGH : Severity.MEDIUM;
      case AGREEMENT -> mode == SignalMode.SIGNED || mode == SignalMode.REJECTED ? Severity.HIGH : Severity.MEDIUM;
    };
  }

  /** "Ceasefire violated", "Sanctions threatened". */
  static String label(final SignalType type, final SignalMode mode) {
    final String t = switch (type) {
      case CEASEFIRE -> "Ceasefire";
      case SANCTIONS -> "Sanctions";
      case MEETING -> "Meeting";
      case MILITARY_AID -> "Military aid";
      case AGREEMENT -> "Agreement";
    };
    return t + " " + mode.name().toLowerCase(Locale.ROOT);
  }
}
