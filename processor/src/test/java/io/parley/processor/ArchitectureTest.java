package io.parley.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module edges of SPEC §1, enforced: the Streams core imports the contract and Kafka Streams
 * only; ingest carries no broker; the contract knows no Streams. Main classes only (tests may use
 * anything).
 */
class ArchitectureTest {

  /** The Streams core: what the topology runs, and nothing that starts or serves it. */
  static final String[] CORE = {
      "io.parley.processor.topology..", "io.parley.processor.normalize..", "io.parley.processor.text..",
      "io.parley.processor.signals..", "io.parley.processor.rounds..", "io.parley.processor.alerts..",
      "io.parley.processor.dedup.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // the ingest module's test jar (shared test helpers) is test code too
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.parley");
  }

  @Test
  void coreImportsNoIngestCliRuntimeOrBench() {
    rule(noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.parley.ingest..", "io.parley.processor.cli..", "io.parley.processor.runtime..",
            "io.parley.processor.bench..", "io.parley.processor.replay..", "io.parley.processor.eval..",
            "io.parley.processor.demo..")
        .because("the Streams core depends on the contract and Kafka Streams alone (SPEC §1)"));
  }

  @Test
  void coreStartsNoBrokerAndServesNothing() {
    rule(noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(
            "kafka..", "org.apache.kafka.server..", "org.apache.kafka.clients.admin..",
            "io.micrometer..", "picocli..", "com.sun.net.httpserver..")
        .because("the broker, topic administration, metrics and HTTP live in runtime/"));
  }

  @Test
  void ingestImportsNoBrokerNorProcessor() {
    rule(noClasses().that().resideInAPackage("io.parley.ingest..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "kafka..", "org.apache.kafka.server..", "org.apache.kafka.streams..", "io.parley.processor..")
        .because("the feed poller is a Kafka client, not a broker or a Streams app"));
  }

  @Test
  void schemasImportNoStreamsIngestOrProcessor() {
    rule(noClasses().that().resideInAPackage("io.parley.schemas..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.apache.kafka.streams..", "kafka..", "io.parley.ingest..", "io.parley.processor..")
        .because("the contract depends on Avro and kafka-clients only"));
  }

  @Test
  void onlyTheCommandLineReadsTheEnvironment() {
    rule(noClasses().that().doNotHaveFullyQualifiedName("io.parley.processor.cli.ParleyCommand")
        .should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .because("configuration is read in one place: the command line hands the environment to Settings"));
  }

  @Test
  void theCoreCarriesNoBenchmarkHook() {
    rule(noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().haveSimpleNameContaining("Bench")
        .because("the benchmark watches the topology from outside (bench/Completions)"));
  }

  private static void rule(final ArchRule rule) {
    rule.check(classes);
  }
}
