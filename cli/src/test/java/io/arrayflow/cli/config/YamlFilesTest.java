package io.arrayflow.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anchors, aliases and merge keys; files that are not YAML text. */
class YamlFilesTest {

  private static List<String> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> YamlFiles.parse(yaml, "a.yaml")).problems();
  }

  private static Node.MapNode map(Node n, String key) {
    return (Node.MapNode) ((Node.MapNode) n).entries().get(key);
  }

  private static String text(Node.MapNode m, String key) {
    return ((Node.Scalar) m.entries().get(key)).text();
  }

  @Test
  void anAliasOfAMapIsACopyOfIt() {
    Node root = YamlFiles.parse("a: &k {R: 3, S: 3}\nb: *k\n", "a.yaml");
    assertEquals("3", text(map(root, "b"), "S"));
    map(root, "b").entries().put("S", new Node.Scalar("5", Node.Scalar.Type.INTEGER, 0, 0));
    assertEquals("3", text(map(root, "a"), "S"), "a --set on one use leaves the other alone");
  }

  @Test
  void aMergeKeyAddsTheKeysTheMapDoesNotWrite() {
    Node root =
        YamlFiles.parse(
            "base: &b {R: 3, S: 3, M: 8}\nmore: &m {M: 9, C: 4}\nl: {<<: [*b, *m], R: 5}\n",
            "a.yaml");
    Node.MapNode l = map(root, "l");
    assertEquals("5", text(l, "R"), "a written key wins");
    assertEquals("8", text(l, "M"), "an earlier merged map wins over a later one");
    assertEquals("4", text(l, "C"));
    assertEquals(List.of("R", "S", "M", "C"), List.copyOf(l.entries().keySet()));
  }

  @Test
  void anAliasOfASingleValueIsRefusedSayingWhatToWrite() {
    assertEquals(
        List.of(
            "a.yaml:2:4: b: alias *r names a single value; anchors and aliases work on maps and"
                + " lists only, so write the value itself"),
        problems("a: &r 3\nb: *r\n"));
  }

  @Test
  void anUndefinedAliasIsNamedAsSuch() {
    assertEquals(
        List.of("a.yaml:2:14: b.<<[1]: alias *n is not defined: no &n comes before it"),
        problems("a: &m {x: 1}\nb: {<<: [*m, *n]}\n"));
  }

  @Test
  void aComplexKeyIsRefusedWithoutNamingParserClasses() {
    assertEquals(
        List.of(
            "a.yaml:2:4: malformed YAML: a key must be a single value (text or a number), was a list"),
        problems("a: 1\n? [x]\n: 2\n"));
  }

  @Test
  void anAliasInsideWhatItNamesIsRefused() {
    assertEquals(
        List.of(
            "a.yaml:1:20: a.self: alias *a is inside the map or list it names; a config cannot"
                + " contain itself"),
        problems("a: &a {x: 1, self: *a}\n"));
  }

  @Test
  void aMergeKeyOfAScalarIsRefused() {
    assertEquals(
        List.of(
            "a.yaml:1:5: a.<<: a merge key takes a map or a list of maps (e.g. <<: *defaults),"
                + " was the number 3"),
        problems("a: {<<: 3}\n"));
  }

  @Test
  void billionLaughsStopsAtTheAliasBudget() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    List<String> p = problems(y.toString());
    assertEquals(1, p.size());
    assertTrue(
        p.get(0)
            .endsWith(
                "aliases expand to more than 1000000 values; a config may repeat maps and lists with"
                    + " aliases, but not grow that large"),
        p.get(0));
  }

  @Test
  void aBinaryFileIsNotUtf8Text(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bin.yaml");
    Files.write(f, new byte[] {'a', ':', ' ', 1, '\n', 'b', ':', (byte) 0xC3, 0x28});
    ConfigException e = assertThrows(ConfigException.class, () -> YamlFiles.read(f, "bin.yaml"));
    assertEquals(
        List.of(
            "bin.yaml: is not UTF-8 text: byte 0xc3 at offset 7 (line 2) cannot start a"
                + " character; config files must be UTF-8 YAML"),
        e.problems());
  }

  @Test
  void aDirectoryIsNamedAsOne(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> YamlFiles.read(dir, "d"));
    assertEquals(List.of("d: is a directory; expected a YAML file"), e.problems());
  }

  @Test
  void aFileAboveTheSizeLimitIsNotRead(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("huge.yaml");
    try (RandomAccessFile sparse = new RandomAccessFile(f.toFile(), "rw")) {
      sparse.setLength(YamlFiles.MAX_BYTES + 1L);
    }
    ConfigException e = assertThrows(ConfigException.class, () -> YamlFiles.read(f, "huge.yaml"));
    assertEquals(
        List.of("huge.yaml: is 67108865 bytes; a config file may have at most 67108864 bytes"),
        e.problems());
  }

  @Test
  void rootKeysStartingWithXHoldAnchorsWithoutBeingUnknown() {
    ConfigReader r = new ConfigReader("a.yaml");
    Section s = r.root(YamlFiles.parse("x-k: &k {R: 3}\nname: n\nother: 1\n", "a.yaml"));
    s.requiredString("name");
    s.finish();
    List<String> p = assertThrows(ConfigException.class, r::throwIfProblems).problems();
    assertEquals(List.of("a.yaml:3:8: other: unknown key; valid keys here: x-k, name"), p);
  }
}
