package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.MainTest.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each case of issue 14 that used to print a wrong number with exit 0 or a stack trace now ends in
 * one clear line and exit 2 (or, for verify, its own codes).
 */
class RobustnessTest {
  private static final String TINY = "src/test/resources/workloads/tiny.yaml";

  private static void assertRefused(Outcome o, String expectedError) {
    assertEquals(2, o.code(), o.err());
    assertEquals(expectedError, o.err().strip());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  private static Path yaml(Path dir, String text) throws IOException {
    Path f = dir.resolve("w.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void layersOfVgg16AtABillionImagesNamesTheLayerWhoseMacsCannotBeCounted() {
    assertRefused(
        MainTest.run("layers", "--workload", "vgg16", "--batch", "1000000000"),
        "error: --workload vgg16 at --batch 1000000000: layer 'conv1_1': MACs = 8.67e+16 is above"
            + " the limit 2^53 = 9007199254740992");
  }

  @Test
  void aMatmulWhoseMacsWrappedToZeroIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
    Path f =
        yaml(
            dir,
            "name: mm\nlayers:\n  - {name: mm, type: matmul, batch: 2, M: 2097152, K: 2097152,"
                + " N: 2097152}\n");
    assertRefused(
        MainTest.run("compare", "--arch", "tpu-v1", "--workload", f.toString()),
        "error: "
            + f
            + ":3:5: layers[0]: MACs = 1.84e+19 is above the limit 2^53 ="
            + " 9007199254740992");
  }

  @Test
  void compareOnBertAtAHundredMillionTokensIsRefused() {
    assertRefused(
        MainTest.run(
            "compare", "--arch", "eyeriss", "--workload", "bert-base", "--seq", "100000000"),
        "error: --workload bert-base at --batch 1 --seq 100000000: layer 'encoder.0.attn.qk':"
            + " MACs = 7.68e+18 is above the limit 2^53 = 9007199254740992");
  }

  @Test
  void aDramLatencyThatWrappedTheCycleCountIsRefused() {
    assertRefused(
        MainTest.run(
            "compare",
            "--arch",
            "eyeriss",
            "--workload",
            TINY,
            "--set",
            "dram.latency_cycles=9223372036854775807"),
        "error: eyeriss (built-in) (--set): dram.latency_cycles: must be <= 1000000000 (a second"
            + " at 1 GHz), was 9223372036854775807");
  }

  @Test
  void aClockOf1e400IsRefusedInsteadOfBecomingInfinity() {
    assertRefused(
        MainTest.run(
            "compare", "--arch", "eyeriss", "--workload", TINY, "--set", "clock_mhz=1e400"),
        "error: eyeriss (built-in) (--set): clock_mhz: must be in 0.001..1000000 (1 kHz to 1"
            + " THz), was Infinity");
  }

  @Test
  void verifyOnA20000By20000SystolicArrayIsRefusedWithAnEstimate() {
    Outcome o =
        MainTest.run(
            "verify",
            "--arch",
            "systolic-32",
            "--workload",
            "verify-small",
            "--layer",
            "conv",
            "--dataflow",
            "ws",
            "--set",
            "pe_array.rows=20000",
            "--set",
            "pe_array.cols=20000");
    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.err()
            .startsWith("error: layer conv (ws, cycle): needs about 10.4 GiB of heap, more than"),
        o.err());
    assertTrue(o.err().contains("ARRAYFLOW_JAVA_OPTS=-Xmx11g") || o.err().contains("machine's"));
  }

  @Test
  void verifySkipsASystolicRunWhoseStepsWouldTakeTooLongNamingTheOption() {
    // 5000×5000 fits the heap, but steps 25 million PEs for 15194 cycles: minutes, not seconds.
    Outcome o =
        MainTest.run(
            "verify",
            "--arch",
            "systolic-32",
            "--workload",
            "verify-small",
            "--layer",
            "conv",
            "--dataflow",
            "ws",
            "--set",
            "pe_array.rows=5000",
            "--set",
            "pe_array.cols=5000",
            "--format",
            "csv");
    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.out()
            .contains(
                "SKIP,\"about 3.80e+11 PE-steps, above --max-steps 1.00e+10; raise it to run this"
                    + " layer\""),
        o.out());
  }

  @Test
  void batchOnAYamlWorkloadIsRefusedInsteadOfIgnored() {
    assertRefused(
        MainTest.run("layers", "--workload", TINY, "--batch", "8"),
        "error: --batch: applies to the built-in models (alexnet, vgg16, resnet18, resnet50,"
            + " mobilenet_v2, bert-base, gpt2, gpt2-prefill, gpt2-decode, vit-b16, llama-7b,"
            + " llama-1b); "
            + TINY
            + " is a YAML workload, whose layers give their own sizes (N of conv and fc, batch of"
            + " matmul)");
  }

  @Test
  void seqOnACnnOrOnVitIsRefusedInsteadOfIgnored() {
    for (String model : new String[] {"resnet18", "vit-b16"}) {
      assertRefused(
          MainTest.run("layers", "--workload", model, "--seq", "64"),
          "error: --seq: "
              + model
              + " has no sequence length; --seq applies to bert-base, gpt2, gpt2-prefill,"
              + " gpt2-decode, llama-7b, llama-1b");
    }
    assertEquals(0, MainTest.run("layers", "--workload", "gpt2-decode", "--seq", "64").code());
  }

  @Test
  void decodeOnAModelThatDoesNotDecodeOrOnAYamlWorkloadIsRefused() {
    assertRefused(
        MainTest.run("layers", "--workload", "bert-base", "--decode", "4"),
        "error: --decode: bert-base does not decode; --decode applies to gpt2, gpt2-decode,"
            + " llama-7b, llama-1b");
    assertRefused(
        MainTest.run("layers", "--workload", "gpt2-decode", "--decode", "0"),
        "error: --decode: gpt2-decode is decode steps alone; it needs --decode >= 1");
    assertRefused(
        MainTest.run("layers", "--workload", "gpt2", "--decode", "-1"),
        "error: --decode: must be >= 0, was -1");
    assertTrue(
        MainTest.run("layers", "--workload", TINY, "--decode", "2")
            .err()
            .startsWith("error: --decode: applies to the built-in models"));
  }

  @Test
  void aVectorLayerTooLargeForCycleFidelityIsRefusedWithTheWayOut() {
    Outcome o =
        MainTest.run(
            "run",
            "--arch",
            "tpu-v1",
            "--workload",
            "bert-base",
            "--seq",
            "16384",
            "--layer",
            "encoder.0.attn.softmax",
            "--fidelity",
            "cycle");
    assertRefused(
        o,
        "error: layer 'encoder.0.attn.softmax' at --fidelity cycle: 3221225472 elements do not"
            + " fit one Java array (at most 2147483639); run it at --fidelity event");
  }

  @Test
  void anUnknownKindToFuseIsRefusedListingTheKinds() {
    assertRefused(
        MainTest.run("layers", "--workload", "gpt2", "--fuse", "softmax,tanh"),
        "error: --fuse: unknown vector op 'tanh'; expected softmax, layernorm, relu, relu6, gelu,"
            + " pool_max, pool_avg, add, rmsnorm, swiglu, rope, all or none");
  }

  @Test
  void aLayerCalledTotalOrNothingIsRefused(@TempDir Path dir) throws IOException {
    Path f =
        yaml(
            dir,
            "name: w\nlayers:\n  - {name: TOTAL, type: relu, elements: 4}\n"
                + "  - {name: '', type: relu, elements: 4}\n");
    assertRefused(
        MainTest.run("layers", "--workload", f.toString()),
        "error: "
            + f
            + ":3:12: layers[0].name: must not be TOTAL, which reports use for the total row\n"
            + "error: "
            + f
            + ":4:12: layers[1].name: must not be empty, was ''");
  }

  @Test
  void aWorkloadWrittenWithAnchorsAndMergeKeysRuns(@TempDir Path dir) throws IOException {
    Path f =
        yaml(
            dir,
            """
            name: anchored
            x-conv: &conv {type: conv, C: 8, H: 8, M: 8, R: 3, padding: 1}
            layers:
              - {<<: *conv, name: c1}
              - {<<: *conv, name: c2, stride: 2}
            """);
    Outcome o = MainTest.run("layers", "--workload", f.toString(), "--format", "csv");
    assertEquals(0, o.code(), o.err());
    assertTrue(
        o.out().contains("anchored,c2,conv,N1 M8 C8 P4 Q4 R3 S3 stride2 pad1,9216,"), o.out());
  }

  @Test
  void aDirectoryGivenAsAWorkloadIsNamedAsOne(@TempDir Path dir) {
    assertRefused(
        MainTest.run("layers", "--workload", dir.toString()),
        "error: " + dir + ": is a directory; expected a YAML file");
  }

  @Test
  void verifyExitsTwoWhenEveryLayerWasSkippedOrNoneCanBeVerified() {
    Outcome skipped =
        MainTest.run("verify", "--arch", "eyeriss", "--workload", "alexnet", "--layer", "conv1");
    assertEquals(2, skipped.code());
    assertEquals(
        "error: nothing was verified: every layer was skipped (above --max-macs 2000000 or"
            + " --max-steps, or pooling); see the notes",
        skipped.err().strip());
    Outcome poolingOnly =
        MainTest.run("verify", "--arch", "eyeriss", "--workload", "alexnet", "--layer", "pool1");
    assertEquals(2, poolingOnly.code());
    assertTrue(
        poolingOnly
            .out()
            .contains("pooling has no value model (its window shape is not in its spec)"),
        poolingOnly.out());
  }

  @Test
  void anEnergyTableThatCannotCostTheArchsWidthsIsRefusedWhenTheArchIsRead(@TempDir Path dir)
      throws IOException {
    // A fuzz finding: a table with 16-bit MACs and no scaling rule, on an 8-bit arch, failed with
    // an internal error after the simulation.
    Files.writeString(
        dir.resolve("t.yaml"),
        "name: t\nunit: pJ\nper: word\nword_bits: 16\nmac: {16: 1.0}\nrf: {read: 1, write: 1}\n"
            + "noc: {delivery: 2, hop: 0}\nglb: {read: 6, write: 6}\ndram: {read: 200, write:"
            + " 200}\nvector: {op: {16: 1.0}}\n");
    Path arch = dir.resolve("a.yaml");
    Files.writeString(
        arch,
        io.arrayflow.cli.Catalog.builtInText("arch", "systolic-32")
            .replaceFirst("(?m)^energy_table:.*$", "energy_table: t.yaml"));
    Outcome o = MainTest.run("run", "--arch", arch.toString(), "--workload", TINY);
    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.err()
            .contains(
                "energy_table: cannot cost this architecture: energy table t: mac has no value for 8"
                    + " bits and the table states no scaling for it"),
        o.err());
  }

  @Test
  void verifyRunsOneBitOperands() {
    // A fuzz finding: the random operands of verify needed at least 2 bits.
    Outcome o =
        MainTest.run(
            "verify",
            "--arch",
            "eyeriss",
            "--workload",
            "verify-small",
            "--layer",
            "fc",
            "--dataflow",
            "os",
            "--set",
            "precision.weights=1",
            "--set",
            "precision.inputs=1");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("1 passed, 0 failed"), o.out());
  }

  @Test
  void anInternalErrorIsOneLineSayingSoWithTheTraceOnlyUnderDebug() {
    StringWriter quiet = new StringWriter();
    assertEquals(
        Main.EXIT_INTERNAL,
        Main.internalError(
            new IllegalStateException("broken\ninvariant"), false, new PrintWriter(quiet, true)));
    assertEquals(
        "internal error (a bug in arrayflow; please report it): java.lang.IllegalStateException:"
            + " broken; invariant [rerun with --debug for the stack trace]",
        quiet.toString().strip());
    StringWriter debug = new StringWriter();
    Main.internalError(new IllegalStateException("x"), true, new PrintWriter(debug, true));
    assertTrue(debug.toString().contains("\tat "), debug.toString());
  }

  @Test
  void runningOutOfHeapLateIsExitTwoSayingHowToGiveJavaMore() {
    StringWriter err = new StringWriter();
    assertEquals(2, Main.outOfMemory(new OutOfMemoryError(), false, new PrintWriter(err, true)));
    assertTrue(err.toString().startsWith("error: out of memory: this run needs more than the "));
    assertTrue(err.toString().contains("ARRAYFLOW_JAVA_OPTS=-Xmx<size>"), err.toString());
  }

  @Test
  void debugIsAcceptedBeforeAndAfterTheCommand() {
    assertEquals(0, MainTest.run("--debug", "list", "archs").code());
    assertEquals(0, MainTest.run("list", "archs", "--debug").code());
  }
}
