package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden text files under {@code src/test/resources/golden/}: a test's output is diffed against its
 * file; running with {@code -Dgolden.update=true} rewrites the files so the change shows in review.
 */
final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  static void assertMatches(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      if (!Boolean.getBoolean("golden.update")) {
        throw new AssertionError("golden file " + file + " was missing and has been written");
      }
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + name);
  }
}
