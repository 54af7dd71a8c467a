package io.parley.processor.bench;

import io.parley.schemas.FeedIds;
import io.parley.schemas.RawItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic synthetic feed items for benchmarks, written for the project: a mix of diplomatic
 * news (ceasefires, tariffs, talks, aid, deals) on several tracks and plain news with no signal,
 * from a dozen outlets, 60–250 words each, with enough variation that they are distinct stories.
 * Deterministic for a given seed.
 */
public final class SyntheticArticles {

  private static final String[][] PARTIES = {
      {"Russia", "Ukraine", "Vladimir Putin", "Volodymyr Zelensky", "Istanbul"},
      {"Israel", "Hamas", "Benjamin Netanyahu", "Hamas negotiators", "Doha"},
      {"India", "Pakistan", "Narendra Modi", "Shehbaz Sharif", "Geneva"},
      {"Thailand", "Cambodia", "Anutin Charnvirakul", "Hun Manet", "Kuala Lumpur"},
      {"Armenia", "Azerbaijan", "Nikol Pashinyan", "Ilham Aliyev", "Abu Dhabi"},
      {"the United States", "China", "Scott Bessent", "He Lifeng", "Stockholm"},
  };
  private static final String[] NEWS = {
      "%1$s and %2$s agreed to a ceasefire on %6$s after talks in %5$s, officials said.",
      "%3$s said %1$s would impose new tariffs on goods from %2$s if the talks failed.",
      "Delegations from %1$s and %2$s met in %5$s on %6$s for a %7$s round of negotiations.",
      "%3$s and %4$s will meet in %5$s next week, the foreign ministry of %1$s confirmed.",
      "%1$s accused %2$s of violating the truce overnight near the border.",
      "Ministers pledged %8$d million dollars in new military aid to %2$s at a meeting in Brussels.",
      "%1$s and %2$s signed a prisoner exchange agreement brokered in %5$s.",
      "%3$s rejected the peace plan put forward by %4$s as an ultimatum.",
  };
  private static final String[] FILLER = {
      "Markets in the region were steady and the currency held its ground against the dollar.",
      "Analysts said the next steps would depend on domestic politics in both capitals.",
      "The statement gave few details and officials declined to answer questions from reporters.",
      "Farmers in the north said heavy rain had delayed the harvest by about %8$d days.",
      "Local newspapers devoted their front pages to the story and to the weather.",
      "A spokesperson said the government remained committed to dialogue and to regional stability.",
      "Energy prices rose by %8$d percent over the week, according to industry figures.",
      "Residents described long queues at petrol stations and crowded trains into the city.",
      "The opposition called for a parliamentary debate before any further decision is taken.",
      "Observers noted that similar promises had been made before without lasting results.",
  };
  private static final String[] PLAIN = {
      "City council approves new budget for schools and parks",
      "Retailers report strong sales ahead of the holidays",
      "Football club appoints new coach after difficult season",
      "Heavy rain causes flooding in several districts",
      "Tech company unveils new phone at annual launch event",
  };
  private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  private static final String[] ORDINALS = {"second", "third", "fourth", "fifth", "new"};

  private SyntheticArticles() {}

  /**
   * {@code n} items, 70 % diplomatic news; event time advances 5 minutes an item, jumping twelve
   * days every 500 items so that rounds close and new ones open: a round stays open 72 h past the
   * latest date its coverage anticipates, and "next week" reaches seven days ahead.
   */
  public static List<RawItem> generate(final int n, final long seed, final Instant start) {
    final Random random = new Random(seed);
    final List<RawItem> items = new ArrayList<>(n);
    Instant published = start;
    for (int i = 0; i < n; i++) {
      published = published.plus(Duration.ofMinutes(5));
      if (i > 0 && i % 500 == 0) {
        published = published.plus(Duration.ofDays(12));
      }
      final String[] p = PARTIES[random.nextInt(PARTIES.length)];
      final Object[] args = {p[0], p[1], p[2], p[3], p[4], DAYS[random.nextInt(7)], ORDINALS[random.nextInt(5)],
          1 + random.nextInt(900)};
      final boolean news = random.nextInt(10) < 7;
      final String lead = news ? String.format(NEWS[random.nextInt(NEWS.length)], args) : "";
      final StringBuilder text = new StringBuilder(lead);
      final int fillers = 2 + random.nextInt(9);
      for (int f = 0; f < fillers; f++) {
        final Object[] fillerArgs = args.clone();
        fillerArgs[7] = 1 + random.nextInt(900);
        text.append(text.length() == 0 ? "" : " ").append(String.format(FILLER[random.nextInt(FILLER.length)], fillerArgs));
      }
      text.append(" Report ").append(i).append(" from desk ").append(random.nextInt(1000)).append('.');
      final String title = news ? lead.replaceAll("[.,].*$", "") : PLAIN[random.nextInt(PLAIN.length)] + " (" + i + ")";
      final String outlet = "Outlet " + (char) ('A' + random.nextInt(12));
      final String feedId = "bench-" + outlet.charAt(outlet.length() - 1);
      final String guid = "bench-" + seed + "-" + i;
      items.add(RawItem.newBuilder()
          .setItemKey(FeedIds.itemKey(feedId, guid)).setFeedId(feedId).setFeedUrl("https://bench.parley.invalid/" + feedId)
          .setFeedTitle(outlet).setGuid(guid).setLink("https://bench.parley.invalid/" + feedId + "/" + i)
          .setTitle(title).setSummary("<p>" + text + "</p>").setPublished(published).setFetchedAt(published.plusSeconds(30))
          .build());
    }
    return items;
  }
}
