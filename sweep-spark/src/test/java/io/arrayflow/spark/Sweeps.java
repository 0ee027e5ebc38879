package io.arrayflow.spark;

import io.arrayflow.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code arrayflow sweep} in this JVM, as the module's tests need it. */
final class Sweeps {
  static final String HUNDRED = "src/test/resources/sweeps/hundred.yaml";
  static final String KILL = "src/test/resources/sweeps/kill.yaml";

  /** The files both engines must write byte for byte alike. */
  static final List<String> FILES =
      List.of("results.csv", "layers.csv", "summary.md", "charts/pareto.svg");

  record Outcome(int code, String out, String err) {}

  private Sweeps() {}

  /** {@code arrayflow sweep FILE --out OUT MORE...}. */
  static Outcome sweep(String file, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("sweep", file, "--out", out.toString()));
    args.addAll(List.of(more));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Main.run(args.toArray(new String[0]), new PrintWriter(o, true), new PrintWriter(e, true));
    return new Outcome(code, o.toString(), e.toString());
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
