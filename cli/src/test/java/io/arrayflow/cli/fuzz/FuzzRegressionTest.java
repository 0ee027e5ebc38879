package io.arrayflow.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs the fuzzer once failed on, replayed with the command their case ran: each file under
 * {@code src/test/resources/fuzz/regressions/} is named {@code <kind>-<seed>.yaml} (as {@link
 * YamlFuzzTest} saves a finding) and must now end cleanly.
 */
class FuzzRegressionTest {
  private static final Path DIR = Path.of("src", "test", "resources", "fuzz", "regressions");

  static Stream<Path> inputs() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> sorted = files.sorted().toList();
      return sorted.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void aSavedFindingNowEndsCleanly(Path file) throws IOException {
    String name = file.getFileName().toString().replace(".yaml", "");
    int dash = name.indexOf('-');
    InputKind kind = InputKind.valueOf(name.substring(0, dash).toUpperCase(Locale.ROOT));
    long seed = Long.parseLong(name.substring(dash + 1));
    FuzzCase c = new FuzzCase(kind, seed, file.toString(), Files.readAllBytes(file));
    FuzzCase.Ran ran = c.run(YamlFuzzTest.CASE_SECONDS);
    assertNull(
        ran.verdict().problem(),
        () -> String.join(" ", ran.args()) + "\n  stderr: " + ran.verdict().firstError());
  }
}
