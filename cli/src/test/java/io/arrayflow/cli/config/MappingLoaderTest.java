package io.arrayflow.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingLoaderTest {
  /** DESIGN.md's example, for a conv with C=64, M=128, P=Q=28, R=S=3. */
  private static final String DESIGN_EXAMPLE =
      """
      mapping:
        - {level: dram,  temporal: {M: 2, C: 2, Q: 2}, order: [Q, C, M]}        # outermost first
        - {level: glb,   temporal: {M: 2, C: 4, P: 28}, order: [M, C, P], keep: [inputs, outputs]}
        - {level: array, spatial: {cols: {Q: 14}, rows: {M: 4, S: 3}}}
        - {level: rf.inputs}
        - {level: rf.weights, temporal: {R: 3, C: 8}, order: [R, C]}
        - {level: rf.outputs, temporal: {M: 8}}
      """;

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private Mapping load(String yaml) throws IOException {
    return MappingLoader.load(write(yaml));
  }

  /** The problems reported for {@code yaml}, with the file's path cut to {@code m.yaml}. */
  private List<String> problems(String yaml) throws IOException {
    Path file = write(yaml);
    List<String> p = assertThrows(ConfigException.class, () -> MappingLoader.load(file)).problems();
    return p.stream().map(s -> s.replace(file.toString(), "m.yaml")).toList();
  }

  @Test
  void parsesTheDesignExampleIntoTheMappingTheBuilderMakes() throws IOException {
    Mapping expected =
        Mapping.builder()
            .level("dram")
            .temporal(Dim.M, 2)
            .temporal(Dim.C, 2)
            .temporal(Dim.Q, 2)
            .order(Dim.Q, Dim.C, Dim.M)
            .level("glb")
            .temporal(Dim.M, 2)
            .temporal(Dim.C, 4)
            .temporal(Dim.P, 28)
            .order(Dim.M, Dim.C, Dim.P)
            .keep(Role.INPUTS, Role.OUTPUTS)
            .level("array")
            .spatial(Axis.COLS, Dim.Q, 14)
            .spatial(Axis.ROWS, Dim.M, 4)
            .spatial(Axis.ROWS, Dim.S, 3)
            .level("rf.inputs")
            .level("rf.weights")
            .temporal(Dim.R, 3)
            .temporal(Dim.C, 8)
            .order(Dim.R, Dim.C)
            .level("rf.outputs")
            .temporal(Dim.M, 8)
            .build();
    assertEquals(expected, load(DESIGN_EXAMPLE));
  }

  @Test
  void readsDimensionsAndOperandsInEitherCaseAndAnEmptyKeepAsBypassingEverything()
      throws IOException {
    Mapping m =
        load(
            """
            mapping:
              - {level: dram, temporal: {n: 4, G: 2}, order: [N, g], keep: [Weights, INPUTS]}
              - {level: glb, keep: []}
            """);
    Mapping expected =
        Mapping.builder()
            .level("dram")
            .temporal(Dim.N, 4)
            .temporal(Dim.G, 2)
            .order(Dim.N, Dim.G)
            .keep(Role.WEIGHTS, Role.INPUTS)
            .level("glb")
            .keep()
            .build();
    assertEquals(expected, m);
  }

  @Test
  void leavesUnknownLevelsAndFactorsThatDoNotFitTheLayerToMappingCheck() throws IOException {
    Mapping m = load("mapping: [{level: nowhere, temporal: {M: 1000}}]\n");
    assertEquals(Mapping.builder().level("nowhere").temporal(Dim.M, 1000).build(), m);
  }

  @Test
  void reportsAnUnknownKeyWithTheNearestValidKey() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:28: mapping[0].tempral: unknown key (did you mean 'temporal'?); valid keys"
                + " here: level, temporal, order, keep, spatial"),
        problems("mapping:\n  - {level: dram, tempral: {M: 2}}\n"));
  }

  @Test
  void reportsAMisspeltAxisWithTheNearestValidAxis() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:35: mapping[0].spatial.row: unknown key (did you mean 'rows'?); valid keys"
                + " here: rows, cols"),
        problems("mapping:\n  - {level: array, spatial: {row: {M: 4}}}\n"));
  }

  @Test
  void rejectsAnUnknownDimension() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:33: mapping[0].temporal.X: unknown dimension 'X'; expected one of N, G, M,"
                + " C, P, Q, R, S",
            "m.yaml:2:40: mapping[0].temporal.MM: unknown dimension 'MM'; expected one of N, G,"
                + " M, C, P, Q, R, S (did you mean 'M'?)"),
        problems("mapping:\n  - {level: dram, temporal: {X: 2, MM: 4}}\n"));
  }

  @Test
  void rejectsFactorsThatAreNotPositiveIntegers() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:33: mapping[0].temporal.M: must be >= 1, was 0",
            "m.yaml:2:39: mapping[0].temporal.C: must be >= 1, was -2",
            "m.yaml:2:46: mapping[0].temporal.P: must be an integer, was the number 2.5",
            "m.yaml:3:40: mapping[1].spatial.rows.Q: must be >= 1, was 0"),
        problems(
            """
            mapping:
              - {level: dram, temporal: {M: 0, C: -2, P: 2.5}}
              - {level: array, spatial: {rows: {Q: 0}}}
            """));
  }

  @Test
  void rejectsADimensionWrittenTwiceInOneMapInDifferentCase() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:39: mapping[0].temporal.m: names dimension M twice; each dimension may"
                + " appear once"),
        problems("mapping:\n  - {level: dram, temporal: {M: 2, m: 4}}\n"));
  }

  @Test
  void rejectsSpatialOnALevelOtherThanTheArray() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:27: mapping[0].spatial: allowed only on level array, was on level glb",
            "m.yaml:3:28: mapping[1].spatial: allowed only on level array, was on level arry"
                + " (did you mean 'array'?)"),
        problems(
            """
            mapping:
              - {level: glb, spatial: {rows: {M: 4}}}
              - {level: arry, spatial: {cols: {Q: 14}}}
            """));
  }

  @Test
  void rejectsTemporalOrderAndKeepOnTheArray() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:30: mapping[0].temporal: not allowed on level array, which takes only"
                + " spatial (rows, cols)",
            "m.yaml:2:45: mapping[0].order: not allowed on level array, which takes only spatial"
                + " (rows, cols)",
            "m.yaml:2:56: mapping[0].keep: not allowed on level array, which takes only spatial"
                + " (rows, cols)"),
        problems("mapping:\n  - {level: array, temporal: {M: 2}, order: [M], keep: [inputs]}\n"));
  }

  @Test
  void rejectsAnOrderNamingAnUnknownDimension() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:30: mapping[0].order[1]: must be a dimension, one of N, G, M, C, P, Q, R,"
                + " S, was text 'K'",
            "m.yaml:2:33: mapping[0].order[2]: must be a dimension, one of N, G, M, C, P, Q, R,"
                + " S, was the number 3"),
        problems("mapping:\n  - {level: dram, order: [M, K, 3]}\n"));
  }

  @Test
  void rejectsADimensionNamedTwiceInAnOrder() throws IOException {
    assertEquals(
        List.of("m.yaml:2:33: mapping[0].order[2]: names M twice; each dimension may appear once"),
        problems("mapping:\n  - {level: dram, order: [M, C, m]}\n"));
  }

  @Test
  void rejectsAnOperandNotKnownInKeepSuggestingTheNearest() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:25: mapping[0].keep[0]: must be one of weights, inputs, outputs, was text"
                + " 'input' (did you mean 'inputs'?)",
            "m.yaml:2:32: mapping[0].keep[1]: must be one of weights, inputs, outputs, was text"
                + " 'psums'",
            "m.yaml:2:48: mapping[0].keep[3]: 'outputs' is listed twice"),
        problems("mapping:\n  - {level: glb, keep: [input, psums, outputs, outputs]}\n"));
  }

  @Test
  void rejectsAMappingThatIsNotAList() throws IOException {
    assertEquals(
        List.of("m.yaml:2:3: mapping: must be a list, was a map"),
        problems("mapping:\n  level: dram\n  temporal: {M: 2}\n"));
  }

  @Test
  void rejectsADocumentThatIsTheListItself() throws IOException {
    assertEquals(
        List.of("m.yaml:1:1: the document must be a map with the key mapping, was a list"),
        problems("- {level: dram}\n"));
  }

  @Test
  void rejectsAnEntryThatIsNotAMap() throws IOException {
    assertEquals(
        List.of("m.yaml:2:5: mapping[0]: must be a map of keys, was text 'dram'"),
        problems("mapping:\n  - dram\n"));
  }

  @Test
  void reportsAnEmptyFileNamingItsPathAsGiven() throws IOException {
    Path file = write("# nothing yet\n");
    assertEquals(
        List.of(file + ": the file is empty"),
        assertThrows(ConfigException.class, () -> MappingLoader.load(file)).problems());
  }

  @Test
  void reportsAMissingOrEmptyMappingAndSuggestsForAMisspeltOne() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:1:1: mapping: required field is missing",
            "m.yaml:1:10: mapings: unknown key (did you mean 'mapping'?); valid keys here:"
                + " mapping"),
        problems("mapings: [{level: dram}]\n"));
    assertEquals(
        List.of("m.yaml:1:10: mapping: must list at least one level"), problems("mapping: []\n"));
  }

  @Test
  void reportsAnEntryWithoutALevelAndStillChecksItsContents() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:5: mapping[0].level: required field is missing",
            "m.yaml:2:26: mapping[0].spatial.rows.Y: unknown dimension 'Y'; expected one of N, G,"
                + " M, C, P, Q, R, S",
            "m.yaml:2:45: mapping[0].temporal.M: must be >= 1, was 0"),
        problems("mapping:\n  - {spatial: {rows: {Y: 2}}, temporal: {M: 0}}\n"));
  }

  @Test
  void reportsEveryProblemOfTheFileTogether() throws IOException {
    assertEquals(
        List.of(
            "m.yaml:2:33: mapping[0].temporal.M: must be >= 1, was 0",
            "m.yaml:3:43: mapping[1].spatial: allowed only on level array, was on level glb",
            "m.yaml:4:25: mapping[2].order[0]: must be a dimension, one of N, G, M, C, P, Q, R,"
                + " S, was text 'Z'"),
        problems(
            """
            mapping:
              - {level: dram, temporal: {M: 0}}
              - {level: glb, keep: [inputs], spatial: {rows: {M: 4}}}
              - {level: rf, order: [Z]}
            """));
  }
}
