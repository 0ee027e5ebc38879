package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Node;
import io.arrayflow.cli.config.Suggest;
import io.arrayflow.cli.config.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built-in configs packaged from the repository's {@code configs/} folder ({@code
 * configs/arch/*.yaml}, …) and the rule that turns a user's argument into a config: a built-in
 * name, or else a path to a YAML file.
 */
public final class Catalog {
  private Catalog() {}

  /**
   * A config document, how messages should name it, and the folder relative paths inside it resolve
   * against (null for a built-in).
   */
  public record Source(String displayName, Node root, Path baseDir) {}

  /** The names of the built-in configs of {@code kind} ("arch", "sweeps"), sorted. */
  public static List<String> builtIns(String kind) {
    URL dir = Catalog.class.getClassLoader().getResource("configs/" + kind);
    if (dir == null) {
      return List.of();
    }
    try {
      URI uri = dir.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          return names(fs.getPath("configs", kind));
        }
      }
      return names(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          p -> {
            String f = p.getFileName().toString();
            if (f.endsWith(".yaml")) {
              out.add(f.substring(0, f.length() - ".yaml".length()));
            }
          });
    }
    out.sort(null);
    return out;
  }

  /** The text of built-in {@code name} of {@code kind}, or null if there is none. */
  public static String builtInText(String kind, String name) {
    try (InputStream in =
        Catalog.class
            .getClassLoader()
            .getResourceAsStream("configs/" + kind + "/" + name + ".yaml")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Resolves {@code arg} to a built-in of {@code kind} or a YAML file; fails naming the built-ins
   * when it is neither.
   */
  public static Source resolve(String kind, String what, String arg) {
    String text = builtInText(kind, arg);
    if (text != null && !arg.contains("/")) {
      return new Source(arg + " (built-in)", YamlFiles.parse(text, arg + " (built-in)"), null);
    }
    Path path = Path.of(arg);
    if (Files.exists(path)) {
      // A directory, device or unreadable file gets its own message from the reader.
      return new Source(arg, YamlFiles.read(path, arg), path.toAbsolutePath().getParent());
    }
    List<String> names = builtIns(kind);
    throw new ConfigException(
        "unknown "
            + what
            + " '"
            + arg
            + "'"
            + Suggest.didYouMean(arg, names)
            + ": not a built-in ("
            + String.join(", ", names)
            + ") and no such file");
  }
}
