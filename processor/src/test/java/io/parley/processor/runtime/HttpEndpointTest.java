package io.parley.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator endpoint on a real socket on 127.0.0.1, with slow and hostile clients. */
class HttpEndpointTest {

  private ParleyMetrics metrics;
  private HttpEndpoint endpoint;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Socket> slow = new ArrayList<>();

  @BeforeEach
  void start() {
    metrics = new ParleyMetrics();
    endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), metrics, () -> Optional.of("stream state is \"REBALANCING\""));
  }

  @AfterEach
  void stop() throws Exception {
    for (final Socket s : slow) {
      s.close();
    }
    endpoint.close();
    metrics.close();
  }

  private HttpResponse<String> send(final String method, final String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void slowClientsHoldNoWorkerAndProbesAreStillAnswered() throws Exception {
    // Twenty connections that send half a request head and then stall (the two were enough
    // to time out every probe of the previous server, which read heads on its two workers).
    for (int i = 0; i < 20; i++) {
      final Socket s = new Socket("127.0.0.1", endpoint.port());
      slow.add(s);
      final OutputStream out = s.getOutputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    for (int i = 0; i < 5; i++) {
      assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void onlyGetAndHeadOnExactPaths() throws Exception {
    assertThat(send("GET", "/health/live").body()).isEqualTo("{\"status\":\"UP\"}");
    final HttpResponse<String> notReady = send("GET", "/health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("{\"status\":\"NOT_READY\",\"reason\":\"stream state is \\\"REBALANCING\\\"\"}");
    assertThat(send("GET", "/metrics").body()).contains("# TYPE");
    final HttpResponse<String> head = send("HEAD", "/health/live");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    for (final String method : List.of("POST", "DELETE", "PUT", "PATCH")) {
      final HttpResponse<String> refused = send(method, "/health/live");
      assertThat(refused.statusCode()).as(method).isEqualTo(405);
      assertThat(refused.headers().firstValue("Allow")).contains("GET, HEAD");
    }
    assertThat(send("GET", "/health/liveXYZ").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/health/live/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/health/live").headers().firstValue("Server")).isEmpty();
  }

  @Test
  void traceIsRefused() throws Exception {
    try (Socket s = new Socket("127.0.0.1", endpoint.port())) {
      s.getOutputStream().write("TRACE /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      final String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 405");
    }
  }
}
