package io.parley.processor.cli;

import io.parley.schemas.Alert;

/** One readable console line per alert revision. */
public final class AlertLine {

  private static final int MAX_EVIDENCE = 220;

  private AlertLine() {}

  /**
   * {@code [HIGH] CEASEFIRE/AGREED  IL-PS  Israel and Hamas reach Gaza truce  · 2 sources (confirmed) rev 2
   * — "Mediators said …"}
   */
  public static String format(final Alert alert) {
    final String evidence = ConsoleText.safe(alert.getEvidence());
    return "[" + alert.getSeverity() + "] " + alert.getType() + "/" + (alert.getOverdue() ? "OVERDUE" : alert.getMode())
        + (alert.getTransitionFrom() == null ? "" : " (was " + alert.getTransitionFrom() + ")")
        + "  " + ConsoleText.safe(alert.getTrack())
        + "  " + ConsoleText.safe(alert.getTitle())
        + "  · " + alert.getSources().size() + (alert.getSources().size() == 1 ? " source: " : " sources: ")
        + ConsoleText.safe(String.join(", ", alert.getSources()))
        + (alert.getConfirmed() ? " (confirmed)" : "")
        + " · rev " + alert.getRevision()
        + "\n      “" + (evidence.length() > MAX_EVIDENCE ? evidence.substring(0, MAX_EVIDENCE - 1) + "…" : evidence) + "”";
  }
}
