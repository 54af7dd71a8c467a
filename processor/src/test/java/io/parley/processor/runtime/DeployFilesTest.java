package io.parley.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Everything under deploy/ parses and says what Parley needs. */
class DeployFilesTest {

  @Test
  void everyYamlAndJsonFileParses() throws Exception {
    final List<Path> yaml = DeployFiles.withExtension(".yml", ".yaml");
    assertThat(yaml).hasSizeGreaterThanOrEqualTo(8);
    for (final Path file : yaml) {
      assertThat(DeployFiles.yaml(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
    }
    for (final Path file : DeployFiles.withExtension(".json")) {
      assertThat(new ObjectMapper().readTree(file.toFile())).as(file.toString()).isNotNull();
    }
  }

  @Test
  void alertRulesCoverWhatOperatorsPageOn() throws Exception {
    final JsonNode rules = DeployFiles.yaml(DeployFiles.DIR.resolve("prometheus/alerts.yml")).get(0);
    assertThat(rules.findValuesAsText("alert")).contains("ParleyFeedStale", "ParleyFeedPollFailures",
        "ParleyConsumerLag", "ParleyStreamsNotRunning", "ParleyDeadLettersGrowing", "ParleyAlertLatencyHigh",
        "ParleyTargetDown", "ParleyFeedNeverSucceeded");
    // Every rule has its unit test (run by promtool in .ci/run).
    final String tests = Files.readString(DeployFiles.DIR.resolve("prometheus/alerts.test.yml"));
    for (final String alert : rules.findValuesAsText("alert")) {
      assertThat(tests).as(alert).contains("alertname: " + alert);
    }
  }

  @Test
  void dashboardsTakeNoRateOfWhatIsAlreadyARate() throws Exception {
    final String dashboard = Files.readString(DeployFiles.DIR.resolve("grafana/parley.json"));
    assertThat(dashboard).doesNotContainPattern("rate\\(\\w+_rate\\[");
  }

  @Test
  void kubernetesWorkloadsProbeTheHealthEndpointsAndSetResources() throws Exception {
    for (final String file : List.of("k8s/ingest-deployment.yaml", "k8s/processor-statefulset.yaml")) {
      final JsonNode container = DeployFiles.yaml(DeployFiles.DIR.resolve(file)).get(0)
          .at("/spec/template/spec/containers/0");
      assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(file).isEqualTo("/health/ready");
      assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(file).isEqualTo("/health/live");
      assertThat(container.at("/resources/limits/memory").asText()).as(file).isNotEmpty();
      assertThat(container.at("/resources/requests/cpu").asText()).as(file).isNotEmpty();
    }
    assertThat(DeployFiles.yaml(DeployFiles.DIR.resolve("k8s/processor-statefulset.yaml")).get(0)
        .at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("state");
  }

  @Test
  void dockerfileRunsAsNonRootWithAHealthCheck() throws Exception {
    final String dockerfile = Files.readString(DeployFiles.DIR.resolve("docker/Dockerfile"));
    assertThat(dockerfile).contains("USER 10001", "HEALTHCHECK", "/health/ready", "MaxRAMPercentage");
  }
}
