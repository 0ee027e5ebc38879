package io.arrayflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Node;
import io.arrayflow.cli.config.YamlFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpansionTest {
  private static final Node BASE = YamlFiles.parse("name: a\npe_array: {rows: 2, cols: 3}\n", "a");

  private static SweepSpec spec(String body) {
    String text = "name: s\narch: eyeriss\nworkloads: [alexnet]\n" + body;
    return SweepLoader.load(YamlFiles.parse(text, "s.yaml"), "s.yaml", null, text);
  }

  private static List<String> points(Expansion x) {
    return x.points().stream()
        .map(p -> p.index() + ":" + String.join(",", p.values().stream().map(Axes::text).toList()))
        .toList();
  }

  @Test
  void theGridVariesTheLastAxisFastestAndNumbersPointsByGridIndex() {
    Expansion x = Expansion.of(spec("axes: {a.x: [1, 2], a.y: [p, q, r]}\n"), BASE);
    assertEquals(6, x.gridSize());
    assertEquals(List.of("0:1,p", "1:1,q", "2:1,r", "3:2,p", "4:2,q", "5:2,r"), points(x));
  }

  @Test
  void constraintsSkipPointsAndReadTheBaseArchAndTheAxes() {
    Expansion x =
        Expansion.of(
            spec(
                "axes: {pe_array.rows: [1, 2, 4, 8]}\nwhere: [\"pe_array.rows * pe_array.cols <= 12\"]\n"),
            BASE);
    assertEquals(List.of("0:1", "1:2", "2:4"), points(x));
    assertEquals(1, x.skipped());
  }

  @Test
  void aMapValueReplacesASectionAndConstraintsSeeInsideIt() {
    Expansion x =
        Expansion.of(
            spec(
                "axes: {pe_array: [{rows: 1, cols: 64}, {rows: 8, cols: 8}]}\n"
                    + "where: [\"pe_array.rows >= 2\"]\n"),
            BASE);
    assertEquals(List.of("1:{rows: 8, cols: 8}"), points(x));
    SweepSpec remove = spec("axes: {pe_array.cols: [~]}\n");
    Node arch = Expansion.apply(remove, BASE, Expansion.point(remove, 0));
    assertEquals("{name: a, pe_array: {rows: 2}}", Axes.text(arch), "a null value removes the key");
  }

  @Test
  void aRandomSampleIsTheSameForTheSameSeedAndKeepsGridNumbers() {
    String body = "axes: {a.x: [1, 2, 3, 4, 5], a.y: [1, 2, 3, 4]}\nsample: {random: 6, seed: 7}\n";
    Expansion once = Expansion.of(spec(body), BASE);
    assertEquals(points(once), points(Expansion.of(spec(body), BASE)));
    assertEquals(6, once.points().size());
    assertEquals(20, once.gridSize());
    assertEquals(
        List.of(),
        points(once).stream()
            .filter(p -> points(once).indexOf(p) != points(once).lastIndexOf(p))
            .toList(),
        "distinct points");
    Expansion other = Expansion.of(spec(body.replace("seed: 7", "seed: 8")), BASE);
    assertEquals(false, points(once).equals(points(other)), "another seed, another sample");
  }

  @Test
  void aConstraintOnAKeyNobodySetsIsBadInput() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Expansion.of(spec("axes: {a.x: [1]}\nwhere: [\"glb.size_kib < 4\"]\n"), BASE));
    assertEquals(
        "sweep s: where[0]: 'glb.size_kib' is not a number in the arch of point 0; a constraint"
            + " reads numeric keys that the base arch or an axis sets",
        e.getMessage());
  }
}
