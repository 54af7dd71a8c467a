package io.parley.processor.eval;

import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.Signal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scores signal and round detection against labels (../shared/datasets/README.md): a predicted
 * signal is right if it is among the item's primary or mentioned signals; recall is over primary;
 * rounds are scored pairwise over the items whose round is labelled.
 *
 * @param type precision/recall/F1 of signal types
 * @param mode precision/recall/F1 of (type, mode) pairs
 * @param rounds pairwise precision/recall/F1 of round assignment
 * @param cards what a newsroom sees: alert cards against labelled developments
 * @param errors every error, one line each
 */
public record Evaluation(Score type, Score mode, Score rounds, Cards cards, List<String> errors) {

  /**
   * Alert cards (one an {@code alertId}, at its last revision) against developments: a development
   * is a (round label, type, mode) that some item lists as primary (an item with no round label is
   * its own); a card is right when one of its articles lists its (type, mode) as primary or
   * mentioned; a development is found when a right card's article lists it as primary; cards
   * beyond the first for one development are duplicates.
   *
   * @param cards alert cards raised
   * @param right cards that are right
   * @param developments labelled developments
   * @param found developments with a card
   * @param duplicates cards beyond the first for a development
   */
  public record Cards(int cards, int right, int developments, int found, int duplicates) {
    public double precision() {
      return cards == 0 ? 1.0 : (double) right / cards;
    }

    public double recall() {
      return developments == 0 ? 1.0 : (double) found / developments;
    }

    /** Cards a development: 1.0 is one card each. */
    public double perDevelopment() {
      return developments == 0 ? 0 : (double) cards / developments;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "precision %.3f  recall %.3f  %.2f cards a development   (%d cards, %d right; %d/%d developments found; %d duplicates)",
          precision(), recall(), perDevelopment(), cards, right, found, developments, duplicates);
    }
  }

  /**
   * Precision and recall from counts.
   *
   * @param right predictions that are right
   * @param predicted predictions made
   * @param found expected items that were predicted
   * @param expected expected items
   */
  public record Score(int right, int predicted, int found, int expected) {
    public double precision() {
      return predicted == 0 ? 1.0 : (double) right / predicted;
    }

    public double recall() {
      return expected == 0 ? 1.0 : (double) found / expected;
    }

    public double f1() {
      final double p = precision();
      final double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Score plus(final Score o) {
      return new Score(right + o.right, predicted + o.predicted, found + o.found, expected + o.expected);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "P %.3f  R %.3f  F1 %.3f   (%d/%d predictions right, %d/%d expected found)",
          precision(), recall(), f1(), right, predicted, found, expected);
    }
  }

  /** Scores {@code articles} (matched to labels by guid) against {@code labels}, with no cards. */
  public static Evaluation of(final List<Label> labels, final List<Article> articles) {
    return of(labels, articles, List.of());
  }

  /** Scores {@code articles} and {@code alerts} (matched to labels by guid) against {@code labels}. */
  public static Evaluation of(final List<Label> labels, final List<Article> articles, final List<Alert> alerts) {
    final Map<String, Article> byGuid = articles.stream().filter(a -> a.getGuid() != null)
        .collect(Collectors.toMap(Article::getGuid, Function.identity(), (a, b) -> b));
    final List<String> errors = new ArrayList<>();
    Score type = new Score(0, 0, 0, 0);
    Score mode = new Score(0, 0, 0, 0);
    for (final Label label : labels) {
      final Article article = byGuid.get(label.id());
      if (article == null) {
        errors.add(label.id() + ": no article (dropped or dead-lettered)");
      } else if (article.getTrack() == null && !article.getSignals().isEmpty()) {
        errors.add(label.id() + ": untracked: signals but no track (parties found: " + article.getActors() + ")");
      }
      final Set<String> predicted = article == null ? Set.of() : article.getSignals().stream()
          .map(s -> s.getType() + "/" + s.getMode()).collect(Collectors.toCollection(LinkedHashSet::new));
      final Set<String> allowed = new LinkedHashSet<>(label.primary());
      allowed.addAll(label.mentioned());
      mode = mode.plus(score(predicted, allowed, label.primary()));
      type = type.plus(score(types(predicted), types(allowed), types(label.primary())));
      predicted.stream().filter(p -> !allowed.contains(p))
          .forEach(p -> errors.add(label.id() + ": false " + p + evidence(article, p)));
      label.primary().stream().filter(p -> !predicted.contains(p))
          .forEach(p -> errors.add(label.id() + ": missed " + p));
    }
    final Score rounds = rounds(labels, byGuid, errors);
    return new Evaluation(type, mode, rounds, cards(labels, articles, alerts, errors), errors);
  }

  private static Cards cards(final List<Label> labels, final List<Article> articles, final List<Alert> alerts,
      final List<String> errors) {
    final Map<String, Label> labelById = labels.stream().collect(Collectors.toMap(Label::id, l -> l, (a, b) -> a));
    final Map<String, Label> labelByArticle = new HashMap<>();
    final Map<String, Article> articleById = new HashMap<>();
    final Map<String, Article> articleByGuid = new HashMap<>();
    for (final Article a : articles) {
      articleById.put(a.getArticleId(), a);
      if (a.getGuid() != null) {
        articleByGuid.put(a.getGuid(), a);
      }
      if (a.getGuid() != null && labelById.containsKey(a.getGuid())) {
        labelByArticle.put(a.getArticleId(), labelById.get(a.getGuid()));
      }
    }
    final Map<String, Set<String>> developments = new LinkedHashMap<>();
    for (final Label l : labels) {
      for (final String pair : l.primary()) {
        developments.computeIfAbsent(development(l, pair), d -> new LinkedHashSet<>()).add(l.id());
      }
    }
    final Map<String, Alert> last = new LinkedHashMap<>();
    for (final Alert alert : alerts) {
      last.merge(alert.getAlertId(), alert, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
    }
    final Map<String, List<String>> cardsByDevelopment = new LinkedHashMap<>();
    int right = 0;
    for (final Alert card : last.values()) {
      final String pair = card.getType() + "/" + card.getMode();
      final List<Label> sources = card.getArticleIds().stream().map(labelByArticle::get).filter(Objects::nonNull).toList();
      final boolean ok = sources.stream().anyMatch(l -> l.primary().contains(pair) || l.mentioned().contains(pair));
      final Set<String> covers = sources.stream().filter(l -> l.primary().contains(pair))
          .map(l -> development(l, pair)).collect(Collectors.toCollection(LinkedHashSet::new));
      covers.forEach(d -> cardsByDevelopment.computeIfAbsent(d, k -> new ArrayList<>()).add(card.getAlertId()));
      if (ok) {
        right++;
      } else {
        final Article first = card.getArticleIds().isEmpty() ? null : articleById.get(card.getArticleIds().get(0));
        errors.add("cards: wrong " + pair + " " + card.getTrack() + " from "
            + sources.stream().map(Label::id).collect(Collectors.joining(",")) + why(first, pair)
            + " “" + card.getEvidence() + "”");
      }
    }
    int duplicates = 0;
    for (final Map.Entry<String, Set<String>> d : developments.entrySet()) {
      final List<String> cards = cardsByDevelopment.getOrDefault(d.getKey(), List.of());
      if (cards.isEmpty()) {
        final String pair = d.getKey().substring(d.getKey().lastIndexOf(' ') + 1);
        final String type = pair.substring(0, pair.indexOf('/'));
        errors.add("cards: missed " + d.getKey() + " (items " + d.getValue().stream().map(id -> {
          final Article a = articleByGuid.get(id);
          if (a == null) {
            return id + ": no article";
          }
          final String read = a.getSignals().stream().filter(sig -> sig.getType().name().equals(type))
              .map(sig -> sig.getMode() + "@" + sig.getSalience()).collect(Collectors.joining(" "));
          return id + " on " + a.getTrack() + ", coded " + (read.isEmpty() ? "no " + type : read);
        }).collect(Collectors.joining("; ")) + ")");
      } else if (cards.size() > 1) {
        duplicates += cards.size() - 1;
        errors.add("cards: split " + d.getKey() + " over " + cards.size() + " cards");
      }
    }
    final int found = (int) developments.keySet().stream().filter(cardsByDevelopment::containsKey).count();
    return new Cards(last.size(), right, developments.size(), found, duplicates);
  }

  /** Why a card was raised: the rule that read it and where, and the track it went on. */
  private static String why(final Article article, final String pair) {
    if (article == null) {
      return "";
    }
    for (final Signal sig : article.getSignals()) {
      if ((sig.getType() + "/" + sig.getMode()).equals(pair)) {
        return " [rule " + sig.getRule() + ", " + sig.getSalience() + "; parties " + article.getActors() + "]";
      }
    }
    return "";
  }

  private static String development(final Label label, final String pair) {
    return (label.round() != null ? label.round() : label.id()) + " " + pair;
  }

  private static Score score(final Set<String> predicted, final Set<String> allowed, final Set<String> expected) {
    final int right = (int) predicted.stream().filter(allowed::contains).count();
    final int found = (int) expected.stream().filter(predicted::contains).count();
    return new Score(right, predicted.size(), found, expected.size());
  }

  /** Pairwise: a pair of labelled items is "together" if both have the same round. */
  private static Score rounds(final List<Label> labels, final Map<String, Article> byGuid, final List<String> errors) {
    final List<Label> withRound = labels.stream().filter(l -> l.round() != null).collect(Collectors.toList());
    int right = 0;
    int predicted = 0;
    int found = 0;
    int expected = 0;
    for (int i = 0; i < withRound.size(); i++) {
      for (int j = i + 1; j < withRound.size(); j++) {
        final Label a = withRound.get(i);
        final Label b = withRound.get(j);
        final boolean gold = a.round().equals(b.round());
        final String ra = roundOf(byGuid.get(a.id()));
        final String rb = roundOf(byGuid.get(b.id()));
        final boolean together = ra != null && ra.equals(rb);
        expected += gold ? 1 : 0;
        predicted += together ? 1 : 0;
        if (gold && together) {
          right++;
          found++;
        } else if (gold) {
          errors.add("rounds: " + a.id() + " and " + b.id() + " are one engagement (" + a.round() + ") but got "
              + ra + " and " + rb);
        } else if (together) {
          errors.add("rounds: " + a.id() + " (" + a.round() + ") and " + b.id() + " (" + b.round()
              + ") are different engagements but share " + ra);
        }
      }
    }
    return new Score(right, predicted, found, expected);
  }

  private static String roundOf(final Article article) {
    return article == null ? null : article.getRoundId();
  }

  private static Set<String> types(final Set<String> pairs) {
    return pairs.stream().map(p -> p.substring(0, p.indexOf('/'))).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String evidence(final Article article, final String pair) {
    for (final Signal s : article.getSignals()) {
      if ((s.getType() + "/" + s.getMode()).equals(pair)) {
        return "  [" + s.getSalience() + "] “" + s.getEvidence() + "”";
      }
    }
    return "";
  }
}
