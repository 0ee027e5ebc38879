package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.YamlFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final String TINY = "src/test/resources/workloads/tiny.yaml";

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Outcome(code, out.toString(), err.toString());
  }

  private static void assertBadInput(Outcome o, String expectedError) {
    assertEquals(2, o.code(), o.err());
    assertEquals("", o.out());
    assertEquals(expectedError, o.err().strip());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  @Test
  void layersOfAlexnetMatchTheGoldenTable() throws IOException {
    Outcome o = run("layers", "--workload", "alexnet");
    assertEquals(0, o.code(), o.err());
    Golden.assertMatches("layers-alexnet.txt", o.out());
  }

  @Test
  void layersOfAYamlWorkloadAsCsvMatchTheGoldenFile() throws IOException {
    Outcome o = run("layers", "--workload", TINY, "--format", "csv");
    assertEquals(0, o.code(), o.err());
    Golden.assertMatches("layers-tiny.csv", o.out());
  }

  @Test
  void layersAsJsonIsAnArrayOfRecords() {
    Outcome o = run("layers", "--workload", TINY, "--format", "json");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("[\n  {\n    \"workload\" : \"tiny\",\n"), o.out());
  }

  @Test
  void bertBaseTotalFollowsTheSequenceLength() {
    Outcome o = run("layers", "--workload", "bert-base", "--seq", "128", "--format", "csv");
    assertTrue(o.out().contains("bert-base,TOTAL,,168 layers,11173625856,"), o.out());
  }

  @Test
  void rejectsAnUnknownWorkloadSuggestingTheNearest() {
    assertBadInput(
        run("layers", "--workload", "resnet5"),
        "error: --workload: unknown workload 'resnet5' (did you mean 'resnet50'?); expected a"
            + " built-in (alexnet, vgg16, resnet18, resnet50, mobilenet_v2, bert-base, gpt2,"
            + " gpt2-prefill, gpt2-decode, vit-b16, llama-7b, llama-1b, tiny-block,"
            + " tiny-llama-block, tpu-roofline, verify-small) or a YAML file path");
  }

  @Test
  void rejectsAnUnknownFormat() {
    assertBadInput(
        run("layers", "--workload", "alexnet", "--format", "xml"),
        "error: --format: unknown format 'xml'; expected one of table, csv, json, markdown");
  }

  @Test
  void rejectsABadWorkloadFileNamingEveryProblem(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        name: bad
        layers:
          - {name: c1, type: conv, C: 3, H: 2, W: 32, M: 16, R: 5}
          - {name: x, type: convolution, C: 3}
          - {name: fc, type: fc, C: -3, M: 10, K: 4}
          - {name: dw, type: conv, C: 16, H: 8, M: 16, R: 3, groups: 3}
          - {name: fc, type: relu}
        """);
    String f = bad.toString();
    assertBadInput(
        run("layers", "--workload", f),
        String.join(
            "\n",
            "error: "
                + f
                + ":3:5: layers[0].padding: output is empty: P = (H + 2*padding -"
                + " dilation*(R-1) - 1)/stride + 1 = 0, Q = 28; the padded input must be at least"
                + " as large as the dilated filter",
            "error: "
                + f
                + ":4:21: layers[1].type: must be one of conv, fc, matmul, attention, softmax,"
                + " layernorm, relu, relu6, gelu, pool_max, pool_avg, add, rmsnorm, swiglu, rope,"
                + " was 'convolution'",
            "error: " + f + ":5:29: layers[2].C: must be >= 1, was -3",
            "error: " + f + ":5:43: layers[2].K: unknown key; valid keys here: name, type, N, C, M",
            "error: " + f + ":6:62: layers[3].groups: must divide C (16), was 3",
            "error: " + f + ":6:62: layers[3].groups: must divide M (16), was 3",
            "error: " + f + ":7:5: layers[4].elements: required field is missing",
            "error: "
                + f
                + ":7:12: layers[4].name: layer name 'fc' is used twice; names must be"
                + " unique"));
  }

  @Test
  void listsTheBuiltInArchitectures() {
    Outcome o = run("list", "archs");
    assertEquals(
        "edge-int8\neyeriss\neyeriss-256\nllm-hbm\nreference\nsystolic-32\ntpu-v1\n", o.out());
  }

  @Test
  void showArchPrintsTheResolvedConfigWithOverrides() {
    Outcome o = run("show", "arch", "eyeriss", "--set", "glb.size_kib=216");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("size_kib: 216\n"), o.out());
    assertEquals(
        216, ArchLoader.load(YamlFiles.parse(o.out(), "shown"), "shown", null).glb().sizeKiB());
  }

  @Test
  void rejectsAnUnknownArchitecture() {
    assertBadInput(
        run("show", "arch", "eyeris"),
        "error: unknown architecture 'eyeris' (did you mean 'eyeriss'?): not a built-in"
            + " (edge-int8, eyeriss, eyeriss-256, llm-hbm, reference, systolic-32, tpu-v1) and no"
            + " such file");
  }

  @Test
  void rejectsABadSetPath() {
    assertBadInput(
        run("show", "arch", "eyeriss", "--set", "glb.sise_kib=3"),
        "error: eyeriss (built-in) (--set): glb.sise_kib: unknown key (did you mean"
            + " 'size_kib'?); valid keys here: size_kib, banks, bank_width_bits, ports_per_bank,"
            + " partition, keep, resident, double_buffered, buffers");
  }

  @Test
  void rejectsAnUnknownOptionWithExitTwo() {
    Outcome o = run("layers", "--workload", "alexnet", "--frobnicate");
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("error: Unknown option: '--frobnicate'"), o.err());
  }
}
