package io.parley.processor.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.Round;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalRef;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of SPEC §7 for articles, rounds and alerts (ISO-8601 UTC times). */
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
    n.put("firstSeen", iso(a.getFirstSeen()));
    n.put("severity", a.getSeverity().name());
    n.put("confirmed", a.getConfirmed());
    n.put("overdue", a.getOverdue());
    return n;
  }

  private static void strings(final ArrayNode array, final List<String> values) {
    values.forEach(array::add);
  }

  private static String iso(final Instant t) {
    return t == null ? null : t.toString();
  }
}
