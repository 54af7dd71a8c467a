package io.parley.processor.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.Round;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalRef;
import java.time.Instant;
import java.util.List;

/**
 * The one JSON shape of each record (SPEC §7): the same in {@code replay}'s JSONL, the HTTP API
 * and {@code alerts tail --json}. Times are ISO-8601 UTC; absent values are {@code null}. The
 * meaning of an alert's times (SPEC §6): {@code eventTime} when the first report of the
 * development was published (the development's date), {@code firstSeen} when that report entered
 * Parley's stream (fetched, live; its publication, in replay, which feeds items in as they were
 * published), {@code updated} when the latest revision was made, on the same clock as firstSeen.
 */
public final class JsonShapes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonShapes() {}

  public static ObjectNode article(final Article a) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("articleId", a.getArticleId());
    n.put("guid", a.getGuid());
    n.put("url", a.getUrl());
    n.put("title", a.getTitle());
    n.put("source", a.getSource());
    n.put("feedId", a.getFeedId());
    n.put("published", iso(a.getPublished()));
    n.put("language", a.getLanguage());
    n.put("track", a.getTrack());
    n.put("roundId", a.getRoundId());
    strings(n.putArray("actors"), a.getActors());
    strings(n.putArray("places"), a.getPlaces());
    final ArrayNode signals = n.putArray("signals");
    for (final Signal s : a.getSignals()) {
      final ObjectNode sn = signals.addObject();
      sn.put("type", s.getType().name());
      sn.put("mode", s.getMode().name());
      sn.put("instrument", s.getInstrument());
      sn.put("evidence", s.getEvidence());
      sn.put("cameo", s.getCameo());
      sn.put("plover", s.getPlover());
      sn.put("salience", s.getSalience().name());
      sn.put("confidence", s.getConfidence());
      sn.put("rule", s.getRule());
    }
    strings(n.putArray("flags"), a.getFlags());
    n.put("rulesVersion", a.getRulesVersion());
    return n;
  }

  public static ObjectNode round(final Round r) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("roundId", r.getRoundId());
    n.put("track", r.getTrack());
    n.put("title", r.getTitle());
    n.put("status", r.getStatus().name());
    strings(n.putArray("participants"), r.getParticipants());
    strings(n.putArray("places"), r.getPlaces());
    n.put("start", iso(r.getStart()));
    n.put("end", iso(r.getEnd()));
    n.put("closed", r.getClosed());
    n.put("overdue", r.getOverdue());
    strings(n.putArray("articleIds"), r.getArticleIds());
    final ArrayNode signals = n.putArray("signals");
    for (final SignalRef s : r.getSignals()) {
      signals.addObject().put("type", s.getType().name()).put("mode", s.getMode().name());
    }
    return n;
  }

  public static ObjectNode alert(final Alert a) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("alertId", a.getAlertId());
    n.put("revision", a.getRevision());
    n.put("type", a.getType().name());
    n.put("mode", a.getMode().name());
    n.put("transitionFrom", a.getTransitionFrom() == null ? null : a.getTransitionFrom().name());
    n.put("roundId", a.getRoundId());
    n.put("track", a.getTrack());
    n.put("title", a.getTitle());
    n.put("evidence", a.getEvidence());
    strings(n.putArray("articleIds"), a.getArticleIds());
    strings(n.putArray("sources"), a.getSources());
    strings(n.putArray("links"), a.getLinks());
    n.put("eventTime", iso(a.getEventTime()));
    n.put("firstSeen", iso(a.getFirstSeen()));
    n.put("updated", iso(a.getUpdated()));
    n.put("severity", a.getSeverity().name());
    n.put("confirmed", a.getConfirmed());
    n.put("overdue", a.getOverdue());
    return n;
  }

  /** A feed's latest poll, as the feeds view shows it. */
  public static ObjectNode feedStatus(final FeedStatus f) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("feedId", f.getFeedId());
    n.put("url", f.getUrl());
    n.put("polledAt", iso(f.getPolledAt()));
    n.put("outcome", f.getOutcome().name());
    if (f.getHttpStatus() == null) {
      n.putNull("httpStatus");
    } else {
      n.put("httpStatus", f.getHttpStatus());
    }
    n.put("latencyMs", f.getLatencyMs());
    n.put("itemsSeen", f.getItemsSeen());
    n.put("newItems", f.getNewItems());
    n.put("itemsRefused", f.getItemsRefused());
    n.put("error", f.getError());
    n.put("nextPollAt", iso(f.getNextPollAt()));
    return n;
  }

  /** Serialises {@code node} on one line. */
  public static String line(final JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of plain nodes always serialises
    }
  }

  private static void strings(final ArrayNode array, final List<String> values) {
    values.forEach(array::add);
  }

  private static String iso(final Instant t) {
    return t == null ? null : t.toString();
  }
}
