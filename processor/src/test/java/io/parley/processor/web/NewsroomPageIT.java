package io.parley.processor.web;

import static io.parley.testing.LocalFeedServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.processor.cli.RuntimeForTests;
import io.parley.testing.LocalFeedServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The newsroom page in a real browser (Debian's chromium, driven through its chromedriver) and the
 * alert API over HTTP, against {@code run} on the embedded broker polling two local feeds: cards
 * appear, a second source updates its card in place, filters work and stay in the URL, a title
 * carrying {@code <script>} and {@code <img onerror>} shows as text, the stream resumes from
 * {@code Last-Event-ID}. The screenshot of the page lands in {@code target/newsroom-page.png}.
 */
class NewsroomPageIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** A publisher's headline whose tags are text (escaped once in the feed's HTML): they must show as text. */
  private static final String HOSTILE = "India and Pakistan agree to a ceasefire after talks &lt;script&gt;window.pwned=1&lt;/script&gt; "
      + "&lt;img src=x onerror=\"window.pwned=2\"&gt;";

  /** Both reports' publication: a minute before the test, so they are news, not backlog. */
  private static final Instant PUBLISHED = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);

  @TempDir static Path dir;
  private static LocalFeedServer feeds;
  private static RuntimeForTests parley;
  private static final AtomicBoolean secondSource = new AtomicBoolean();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    feeds = LocalFeedServer.create()
        .route("/wire", ex -> send(ex, 200, rss("Wire A", "w1", HOSTILE,
            "India and Pakistan agreed to a ceasefire on Saturday after four days of strikes, officials said.")))
        .route("/daily", ex -> send(ex, 200, secondSource.get()
            ? rss("Daily B", "d1", "India, Pakistan agree ceasefire after talks",
                "India and Pakistan agreed to a ceasefire on Saturday, ending four days of cross-border fire.")
            : rss("Daily B", null, null, null)))
        .start();
    parley = RuntimeForTests.polling(dir.resolve("parley"), List.of(feeds.url("/wire"), feeds.url("/daily")), 2);
  }

  @AfterAll
  static void stop() {
    if (parley != null) {
      parley.close();
    }
    if (feeds != null) {
      feeds.close();
    }
  }

  private static byte[] rss(final String title, final String guid, final String itemTitle, final String text) {
    final String published = DateTimeFormatter.RFC_1123_DATE_TIME.format(PUBLISHED.atZone(ZoneOffset.UTC));
    final String item = guid == null ? "" : "<item><title>" + itemTitle.replace("&", "&amp;") + "</title><guid>" + guid
        + "</guid><link>https://" + guid + ".example/story</link><description>" + text + "</description><pubDate>" + published
        + "</pubDate></item>";
    return ("<rss version=\"2.0\"><channel><title>" + title + "</title>" + item + "</channel></rss>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String base() {
    return "http://127.0.0.1:" + parley.httpPort();
  }

  private static JsonNode get(final String path) throws Exception {
    final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static JsonNode ceasefire() throws Exception {
    for (final JsonNode a : get("/api/alerts?type=CEASEFIRE").path("alerts")) {
      if (a.path("mode").asText().equals("AGREED") && a.path("track").asText().equals("IN-PK")) {
        return a;
      }
    }
    return null;
  }

  @Test
  void theApiServesAlertsRoundsFeedsAndAResumableStream() throws Exception {
    await().atMost(Duration.ofSeconds(90)).until(() -> ceasefire() != null);
    final JsonNode alert = ceasefire();
    assertThat(alert.path("title").asText()).contains("<script>window.pwned=1</script>");
    assertThat(alert.path("eventTime").asText()).isEqualTo(PUBLISHED.toString());
    assertThat(alert.has("firstSeen")).isTrue();
    assertThat(alert.has("updated")).isTrue();
    assertThat(get("/api/alerts?type=SANCTIONS").path("alerts")).isEmpty();
    assertThat(get("/api/alerts?type=CEASEFIRE,MEETING&severity=HIGH,MEDIUM").path("alerts")).hasSizeGreaterThanOrEqualTo(1);
    assertThat(get("/api/alerts?track=in-pk&limit=1").path("alerts")).hasSize(1);

    final String roundId = alert.path("roundId").asText();
    // Rounds are published on a tick after their articles (RoundAssigner.PUBLISH_EVERY); meanwhile the round's alerts show.
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/rounds/" + roundId).path("round").has("roundId"));
    final JsonNode round = get("/api/rounds/" + roundId);
    assertThat(round.path("round").path("roundId").asText()).isEqualTo(roundId);
    assertThat(round.path("alerts").findValuesAsText("alertId")).contains(alert.path("alertId").asText());
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/feeds").path("feeds").size() == 2);
    assertThat(get("/api/feeds").path("feeds").findValuesAsText("outcome")).allMatch(o -> o.equals("OK") || o.equals("NOT_MODIFIED"));
    assertThat(get("/api/feeds").path("feeds")).allSatisfy(f -> {
      assertThat(f.path("lastSuccess").asText()).isNotBlank();
      assertThat(f.path("intervalSeconds").asLong()).isBetween(1L, 3_600L);
    });

    final HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/alerts?limit=0")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/rounds/none")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

    // From the start (a position before every record) the stream replays what the server holds: the alert is there.
    final List<String> events = readStream("0.0", 1);
    assertThat(events.get(0)).startsWith("id: ").contains("\nevent: alert\ndata: {");
    final String firstId = events.get(0).lines().findFirst().orElseThrow().substring("id: ".length());
    // Resuming from the last id seen gives nothing older than it.
    final List<String> after = readStream(firstId, 0);
    assertThat(after).noneMatch(e -> e.startsWith("id: " + firstId + "\n"));
  }

  /** Reads the stream from {@code lastEventId} until {@code events} events or three heartbeats have come. */
  private static List<String> readStream(final String lastEventId, final int events) throws Exception {
    final HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/alerts/stream"))
        .header("Last-Event-ID", lastEventId).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    final List<String> read = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      StringBuilder block = new StringBuilder();
      int heartbeats = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isEmpty()) {
          block.append(line).append('\n');
          continue;
        }
        final String b = block.toString();
        block = new StringBuilder();
        if (b.startsWith("id: ")) {
          read.add(b);
        } else if (b.startsWith(": keep-alive")) {
          heartbeats++;
        }
        if ((events > 0 && read.size() >= events) || heartbeats >= 2) {
          break;
        }
      }
    }
    return read;
  }

  @Test
  void thePageShowsCardsUpdatesThemInPlaceFiltersAndEscapesFeedText() throws Exception {
    final boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    // CI (.ci/run) installs them and sets PARLEY_BROWSER_REQUIRED: there, a missing browser fails the build.
    assertThat(present || System.getenv("PARLEY_BROWSER_REQUIRED") == null)
        .as(CHROMIUM + " and " + CHROMEDRIVER + " are required here").isTrue();
    Assumptions.assumeTrue(present, () -> {
      System.err.println("NOTICE: " + CHROMIUM + " or " + CHROMEDRIVER + " missing (apt-get install chromium chromium-driver;"
          + " .ci/run installs them) — skipping the browser test");
      return "no chromium";
    });
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The flags that keep Chromium off the network it would call at start (this machine has none).
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1200,900", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
    final ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    final ChromeDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(base() + "/");
      final By ceasefireCard = By.cssSelector("article.card[data-alert-id$='/CEASEFIRE/AGREED']");
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> !browser.findElements(ceasefireCard).isEmpty());
      final WebElement card = browser.findElement(ceasefireCard);
      final String alertId = card.getAttribute("data-alert-id");
      assertThat(card.findElement(By.cssSelector("h2.title")).getText())
          .contains("<script>window.pwned=1</script>").contains("<img src=x onerror=\"window.pwned=2\">");
      assertThat(browser.findElements(By.cssSelector("#cards script, #cards img"))).isEmpty();
      assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("live")).getText().equals("live"));

      // A second source: the same card, revised in place (one card, revision 2, two sources).
      secondSource.set(true);
      final By sameCard = By.cssSelector("article.card[data-alert-id='" + alertId + "']");
      // A card is redrawn in place when a revision arrives: an element read a moment before may be gone.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreException(StaleElementReferenceException.class)
          .until(() -> "2".equals(browser.findElement(sameCard).getAttribute("data-revision")));
      assertThat(browser.findElements(sameCard)).hasSize(1);
      assertThat(browser.findElement(sameCard).findElements(By.cssSelector(".sources li"))).hasSize(2);
      assertThat(browser.findElement(sameCard).getText()).contains("confirmed").contains("revision 2");
      final Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, Path.of("target", "newsroom-page.png"), StandardCopyOption.REPLACE_EXISTING);

      // Filters narrow the cards and stay in the URL, across a reload.
      new Select(browser.findElement(By.id("f-type"))).selectByVisibleText("MEETING");
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(sameCard).isEmpty());
      assertThat(browser.getCurrentUrl()).contains("type=MEETING");
      browser.navigate().refresh();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          new Select(browser.findElement(By.id("f-type"))).getFirstSelectedOption().getText().equals("MEETING"));
      assertThat(browser.findElements(sameCard)).isEmpty();
      browser.get(base() + "/?track=" + URLEncoder.encode("IN-PK", StandardCharsets.UTF_8) + "&confirmed=true");
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(sameCard).size() == 1);

      // The round view: its coverage and its alerts.
      browser.findElement(sameCard).findElement(By.cssSelector("a.round-link")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#round-view .coverage li")).isEmpty());
      assertThat(browser.findElement(By.id("round-view")).getText()).contains("Wire A").contains("Daily B");
      assertThat(browser.findElements(By.cssSelector("#round-view script, #round-view img"))).isEmpty();

      // The feeds view.
      browser.get(base() + "/#feeds");
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#feeds-view tbody tr")).size() == 2);
      assertThat(browser.findElement(By.id("feeds-view")).getText()).contains("last success", "/wire", "/daily");
    } finally {
      browser.quit();
    }
  }
}
