package io.arrayflow.cli.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One fuzz case, replayable from its kind and seed: the base document and the mutations come from
 * one random stream, the command line from another, so a saved input replays with the same command
 * even after the mutator changes.
 */
record FuzzCase(InputKind kind, long seed, String base, byte[] bytes) {

  /** The case {@code seed} of {@code kind}: a base document and its mutation. */
  static FuzzCase of(InputKind kind, long seed) {
    Random rnd = new Random(seed);
    List<InputKind.Base> bases = kind.bases();
    InputKind.Base base = bases.get(rnd.nextInt(bases.size()));
    return new FuzzCase(kind, seed, base.name(), new Mutator(rnd).mutate(base.text()));
  }

  /** The command line a case ran and how it ended. */
  record Ran(List<String> args, Oracle.Verdict verdict) {}

  /** Writes the input into a fresh temporary folder and runs its command; cleans up after. */
  Ran run(long seconds) throws IOException {
    Path dir = Files.createTempDirectory("arrayflow-fuzz");
    try {
      Path file = dir.resolve("input.yaml");
      Files.write(file, bytes);
      List<String> args = kind.args(dir, file, new Random(~seed));
      return new Ran(args, Oracle.run(args, seconds));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The input as text, for messages. */
  String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
