package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.MainTest.Outcome;
import io.arrayflow.reports.results.ResultRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transformer workloads end to end: decode steps, fusion, the phase rows, verification. */
class DecodeCommandsTest {

  private static ResultRows csv(String... args) {
    Outcome o = MainTest.run(args);
    assertEquals(0, o.code(), o.err());
    return ResultRows.parseCsv(o.out());
  }

  private static List<String> row(ResultRows rows, String layer, String dataflow) {
    return rows.where(r -> rows.text(r, "layer").equals(layer))
        .where(r -> rows.text(r, "dataflow").equals(dataflow))
        .rows()
        .get(0);
  }

  @Test
  void compareOfGpt2DecodeStepsOnTpuV1MatchesTheGoldenPhaseTable() throws IOException {
    Outcome o =
        MainTest.run(
            "compare", "--arch", "tpu-v1", "--workload", "gpt2", "--seq", "16", "--decode", "2");
    assertEquals(0, o.code(), o.err());
    Golden.assertMatches("compare-gpt2-decode-tpu-v1.txt", o.out());
  }

  @Test
  void phaseRowsCountTokensPerStepAndShowDecodeFarLessUtilisedThanPrefill() {
    ResultRows rows =
        csv(
            "compare",
            "--arch",
            "llm-hbm",
            "--workload",
            "llama-1b",
            "--seq",
            "64",
            "--decode",
            "3",
            "--dataflow",
            "ws",
            "--format",
            "csv");
    assertEquals(
        List.of("prefill", "decode.1", "decode.2", "decode.3", "decode", "TOTAL"),
        rows.rows().stream().map(r -> rows.text(r, "layer")).toList());
    List<String> prefill = row(rows, "prefill", "ws");
    List<String> step = row(rows, "decode.2", "ws");
    List<String> decode = row(rows, "decode", "ws");
    assertEquals(64, rows.number(prefill, "tokens"));
    assertEquals(1, rows.number(step, "tokens"));
    assertEquals(66, rows.number(step, "context"));
    assertEquals("glb", rows.text(step, "kv_cache"));
    assertEquals(3, rows.number(decode, "tokens"));
    assertTrue(
        rows.number(step, "utilization") < rows.number(prefill, "utilization") / 20,
        rows.text(step, "utilization") + " vs " + rows.text(prefill, "utilization"));
    assertTrue(rows.number(step, "macs_per_dram_byte") < 1.1);
    double tokensPerSecond = 3 / (rows.number(decode, "latency_ms") / 1000);
    assertEquals(tokensPerSecond, rows.number(decode, "tokens_per_s"), tokensPerSecond * 1e-2);
  }

  @ParameterizedTest(name = "on {0}")
  @CsvSource({"tpu-v1, dram", "llm-hbm, glb"})
  void theKvCacheLivesWhereTheArchCanHoldItAndTheRowsSaySo(String arch, String where) {
    ResultRows rows =
        csv(
            "run",
            "--arch",
            arch,
            "--workload",
            "gpt2",
            "--seq",
            "16",
            "--dataflow",
            "ws",
            "--layer",
            "decode.1.h3.attn.qk",
            "--format",
            "csv");
    assertTrue(
        rows.text(rows.rows().get(0), "note").contains("in " + where), rows.rows().toString());
  }

  @Test
  void fusingSoftmaxGeluAndAddKeepsTheirTensorsOffDramAndTheRowsSaySo() {
    String[] run = {
      "run", "--arch", "eyeriss", "--workload", "tiny-block", "--dataflow", "ws", "--format", "csv"
    };
    ResultRows plain = csv(run);
    String[] fusedRun = java.util.Arrays.copyOf(run, run.length + 2);
    fusedRun[run.length] = "--fuse";
    fusedRun[run.length + 1] = "softmax,gelu,add";
    ResultRows fused = csv(fusedRun);
    assertEquals("fused into attn.qk", fused.text(row(fused, "attn.softmax", "ws"), "note"));
    assertEquals(0, fused.number(row(fused, "gelu", "ws"), "dram_reads"));
    assertEquals(1024, fused.number(row(fused, "add1", "ws"), "dram_reads"), "the residual");
    assertEquals("", fused.text(row(fused, "ln2", "ws"), "note"), "after an add, not fused");
    assertTrue(plain.number(row(plain, "gelu", "ws"), "dram_reads") > 0);
    assertTrue(
        fused.number(row(fused, "TOTAL", "ws"), "dram_bytes")
            < plain.number(row(plain, "TOTAL", "ws"), "dram_bytes"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "tiny-block, eyeriss, 48",
    "tiny-block, systolic-32, 36",
    "tiny-llama-block, llm-hbm, 51"
  })
  void verifyPassesATinyTransformerBlockInEveryDataflowVectorLayersIncluded(
      String workload, String arch, int layers) {
    Outcome o = MainTest.run("verify", "--arch", arch, "--workload", workload);
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(
        o.out()
            .contains("verify " + workload + " on " + arch + ": " + layers + " passed, 0 failed"),
        o.out());
    for (String kind : List.of("softmax", "gelu", "ln1", "swiglu", "rope_q", "input_norm")) {
      if (o.out().contains(kind)) {
        assertTrue(o.out().lines().anyMatch(l -> l.contains(kind) && l.contains("PASS")), kind);
      }
    }
  }

  @Test
  void verifyScalesALargeVectorLayerDownToWholeQueryBlocks() {
    Outcome o =
        MainTest.run(
            "verify",
            "--arch",
            "systolic-32",
            "--workload",
            "gpt2",
            "--seq",
            "64",
            "--layer",
            "prefill.h0.attn.softmax",
            "--dataflow",
            "ws",
            "--max-macs",
            "5000",
            "--scale-down");
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("PASS    scaled down from 768 rows"), o.out());
  }

  @Test
  void outWritesThePhaseTablesBesideTheResults(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("r");
    Outcome o =
        MainTest.run(
            "run",
            "--arch",
            "tpu-v1",
            "--workload",
            "gpt2-decode",
            "--seq",
            "8",
            "--decode",
            "2",
            "--dataflow",
            "ws",
            "--out",
            out.toString());
    assertEquals(0, o.code(), o.err());
    ResultRows phases = ResultRows.parseCsv(Files.readString(out.resolve("phases.csv")));
    assertEquals(
        List.of("decode.1", "decode.2", "decode", "TOTAL"),
        phases.rows().stream().map(r -> phases.text(r, "layer")).toList());
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("phases.json"));
    assertTrue(o.out().contains("tokens_per_s"), "run prints the phase table after the layers");
  }
}
