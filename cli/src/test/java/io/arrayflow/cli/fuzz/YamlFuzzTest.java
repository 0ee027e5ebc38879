package io.arrayflow.cli.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing of every YAML input (docs/robustness.md): each case mutates a built-in
 * file ({@link Mutator}), runs the command that reads it ({@link InputKind}) and requires a clean
 * end ({@link Oracle}): exit 2 with one-line messages, or a run whose numbers are sane; never an
 * uncaught exception, an internal error, an out-of-memory or a run past its time bound. CI runs the
 * number of tries the build sets ({@code fuzz.tries} in cli/pom.xml, 2000) from a fixed seed; by
 * hand, {@code mvn -pl cli verify -Dtest=YamlFuzzTest -Dfuzz.tries=100000 -Dfuzz.seed=7} runs more,
 * from another stream. A finding is saved under {@code target/fuzz-findings/} to become a
 * regression input ({@code src/test/resources/fuzz/regressions/}, {@link FuzzRegressionTest}).
 */
class YamlFuzzTest {
  /** Each case's time bound; a clean case takes milliseconds. */
  static final long CASE_SECONDS = Long.getLong("fuzz.case.seconds", 30);

  private static final long STREAM = Long.getLong("fuzz.seed", 0);

  /** Whether to go on after a finding (saving and counting it) instead of failing at once. */
  private static final boolean COLLECT = Boolean.getBoolean("fuzz.collect");

  private static final Path FINDINGS = Path.of("target", "fuzz-findings");
  private static final Map<InputKind, Tally> TALLY = new EnumMap<>(InputKind.class);

  /** Exit codes and the kinds of error message seen, per input kind. */
  private static final class Tally {
    int cases;
    double seconds;
    final TreeMap<Double, String> slowest = new TreeMap<>();
    final Map<Integer, Integer> codes = new TreeMap<>();
    final Map<String, Integer> errors = new TreeMap<>();
  }

  @Property(seed = "20260101", shrinking = ShrinkingMode.OFF)
  void everyMutatedInputEndsInAOneLineErrorOrASaneRun(@ForAll InputKind kind, @ForAll long seed)
      throws IOException {
    FuzzCase c = FuzzCase.of(kind, seed ^ STREAM);
    long start = System.nanoTime();
    FuzzCase.Ran ran = c.run(CASE_SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    Oracle.Verdict v = ran.verdict();
    tally(kind, v, seconds, c.seed() + " " + String.join(" ", ran.args()));
    if (v.problem() != null) {
      Files.createDirectories(FINDINGS);
      Path saved =
          FINDINGS.resolve(kind.name().toLowerCase(Locale.ROOT) + "-" + c.seed() + ".yaml");
      Files.write(saved, c.bytes());
      if (COLLECT) {
        finding(kind, "FINDING " + shape(v.problem()));
        return;
      }
      fail(
          v.problem()
              + "\n  kind "
              + kind
              + ", seed "
              + c.seed()
              + ", base "
              + c.base()
              + ", saved as "
              + saved
              + "\n  args "
              + String.join(" ", ran.args())
              + "\n  stderr: "
              + v.firstError()
              + "\n--- input ---\n"
              + c.text());
    }
  }

  private static synchronized void finding(InputKind kind, String shape) {
    TALLY.get(kind).errors.merge(shape, 1, Integer::sum);
  }

  private static synchronized void tally(
      InputKind kind, Oracle.Verdict v, double seconds, String what) {
    Tally t = TALLY.computeIfAbsent(kind, k -> new Tally());
    t.cases++;
    t.seconds += seconds;
    t.slowest.put(seconds, what);
    if (t.slowest.size() > 3) {
      t.slowest.pollFirstEntry();
    }
    t.codes.merge(v.code(), 1, Integer::sum);
    if (v.firstError() != null) {
      t.errors.merge(shape(v.firstError()), 1, Integer::sum);
    }
  }

  /** An error message without its file, place and values: what rule it reports. */
  static String shape(String error) {
    String s = error.replaceFirst("^error: ", "");
    s = s.replaceAll("\\S*input\\.yaml(:\\d+:\\d+)?", "FILE");
    s = s.replaceAll("\\S*arch\\.yaml(:\\d+:\\d+)?", "ARCH");
    s = s.replaceAll("\\[\\d+\\]", "[i]");
    s = s.replaceAll(", was .*$", ", was …");
    s = s.replaceAll("'[^']*'", "'…'");
    s = s.replaceAll("-?\\d[\\d.eE+\\-]*", "N");
    return s.length() > 110 ? s.substring(0, 110) + "…" : s;
  }

  @AfterContainer
  static void writeReport() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<InputKind, Tally> e : TALLY.entrySet()) {
      Tally t = e.getValue();
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %d cases, exit codes %s, %.1f s in all",
              e.getKey(),
              t.cases,
              t.codes,
              t.seconds));
      t.slowest
          .descendingMap()
          .forEach(
              (sec, what) -> lines.add(String.format(Locale.ROOT, "  slow %.2f s: %s", sec, what)));
      t.errors.entrySet().stream()
          .sorted((a, b) -> b.getValue() - a.getValue())
          .limit(40)
          .forEach(
              x -> lines.add(String.format(Locale.ROOT, "  %6d  %s", x.getValue(), x.getKey())));
    }
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "fuzz-report.txt"), lines, StandardCharsets.UTF_8);
  }
}
