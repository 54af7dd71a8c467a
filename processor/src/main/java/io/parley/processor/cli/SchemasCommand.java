package io.parley.processor.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.processor.web.JsonShapes;
import io.parley.schemas.ParleySchemaStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley schemas}: every schema Parley writes or has written, with the fingerprint that
 * names it in each record, and with {@code --out} the self-contained {@code .avsc} files (named
 * types inlined) and an index from fingerprint to file — all a reader in another language needs.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
    description = {
        "Prints every Avro schema Parley writes now or wrote in a released version, with its fingerprint:",
        "the 8 bytes after C3 01 at the start of each record value (Avro single-object encoding), in hex.",
        "With --out DIR it writes each schema self-contained (DIR/<Name>.avsc, released ones under",
        "DIR/released/) and DIR/schemas.json mapping each fingerprint to its file, for readers in any language."})
public final class SchemasCommand extends EnvCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", description = "Write the .avsc files and schemas.json here.")
  Path out;

  @Override
  public Integer call() throws IOException {
    final PrintWriter console = spec.commandLine().getOut();
    final ObjectNode index = JsonNodeFactory.instance.objectNode();
    final Map<String, Integer> versions = new HashMap<>();
    for (final ParleySchemaStore.Known k : ParleySchemaStore.known()) {
      final String name = k.schema().getName();
      final String file = k.current() ? name + ".avsc"
          : "released/" + name + "-" + versions.merge(name, 1, Integer::sum) + "-" + k.wireHex() + ".avsc";
      console.printf("%-12s %s  %-8s %s%n", name, k.wireHex(), k.current() ? "current" : "released", file);
      index.putObject(k.wireHex()).put("name", k.schema().getFullName()).put("file", file).put("current", k.current());
      if (out != null) {
        final Path target = out.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, k.schema().toString(true) + "\n", StandardCharsets.UTF_8);
      }
    }
    if (out != null) {
      Files.writeString(out.resolve("schemas.json"), JsonShapes.line(index) + "\n", StandardCharsets.UTF_8);
      console.println("wrote " + index.size() + " schemas and schemas.json to " + out);
    }
    console.flush();
    return 0;
  }
}
