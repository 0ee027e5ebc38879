package io.arrayflow.sim.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidationTest {

  static Stream<Arguments> badFields() {
    return Stream.of(
        bad("weights: must be in 1..64, was 0", () -> new Precision(0, 16, 16, 32)),
        bad("inputs: must be in 1..64, was 65", () -> new Precision(16, 65, 16, 32)),
        bad("outputs: must be in 1..64, was -1", () -> new Precision(16, 16, -1, 32)),
        bad("accumulator: must be >= outputs (32), was 16", () -> new Precision(16, 16, 32, 16)),
        bad("rows: must be >= 1, was 0", () -> new PeArraySpec(0, 14)),
        bad("cols: must be >= 1, was -3", () -> new PeArraySpec(12, -3)),
        bad("latency_cycles: must be >= 1, was 0", () -> new MacSpec(0, true)),
        bad("words: must be >= 1, was 0", () -> RfFileSpec.of(0)),
        bad("read_ports: must be >= 1, was 0", () -> new RfFileSpec(8, 0, 1)),
        bad("write_ports: must be >= 1, was 0", () -> new RfFileSpec(8, 1, 0)),
        bad(
            "must give per-operand files (weights, inputs, outputs) or shared, exactly one form,"
                + " was [weights, shared]",
            () -> new RfSpec(RfFileSpec.of(4), null, null, RfFileSpec.of(64))),
        bad(
            "must give per-operand files (weights, inputs, outputs) or shared, exactly one form,"
                + " was []",
            () -> RfSpec.perOperand(null, null, null)),
        bad("mac: is required, was missing", () -> new PeSpec(null, RfSpec.defaults())),
        bad(
            "words_per_cycle.inputs: must be >= 1, was 0",
            () -> NocSpec.builder().wordsPerCycle(Operand.INPUTS, 0).build()),
        bad(
            "words_per_cycle.outputs: is required, was missing",
            () ->
                new NocSpec(
                    NocKind.MULTICAST,
                    Map.of(Operand.WEIGHTS, 1, Operand.INPUTS, 1),
                    true,
                    1,
                    Preload.SERIAL,
                    0)),
        bad(
            "hop_latency_cycles: must be >= 0, was -1",
            () -> NocSpec.builder().hopLatencyCycles(-1).build()),
        bad(
            "preload: must be serial unless kind is systolic, was overlapped",
            () -> NocSpec.builder().preload(Preload.OVERLAPPED).build()),
        bad(
            "weight_fifo_tiles: must be 0 unless kind is systolic, was 4",
            () -> NocSpec.builder().weightFifoTiles(4).build()),
        bad(
            "weight_fifo_tiles: must be >= 0, was -1",
            () -> NocSpec.builder().kind(NocKind.SYSTOLIC).weightFifoTiles(-1).build()),
        bad(
            "multicast: must be false unless kind is multicast, was true",
            () -> NocSpec.builder().kind(NocKind.SYSTOLIC).multicast(true).build()),
        bad("size_kib: must be > 0, was -4", () -> GlbSpec.builder().sizeKiB(-4).build()),
        bad("banks: must be >= 1, was 0", () -> GlbSpec.builder().banks(0).build()),
        bad(
            "bank_width_bits: must be >= 1, was 0",
            () -> GlbSpec.builder().bankWidthBits(0).build()),
        bad("ports_per_bank: must be >= 1, was 0", () -> GlbSpec.builder().portsPerBank(0).build()),
        bad(
            "partition.outputs: must be > 0, was 0",
            () -> GlbSpec.builder().partition(Operand.OUTPUTS, 0).build()),
        bad(
            "partition.weights: must name an operand in keep [inputs, outputs], was 8",
            () -> GlbSpec.builder().partition(Operand.WEIGHTS, 8).build()),
        bad(
            "partition: must sum to <= size_kib (108 KiB), was {inputs: 100, outputs: 9}",
            () ->
                GlbSpec.builder()
                    .partition(Operand.INPUTS, 100)
                    .partition(Operand.OUTPUTS, 9)
                    .build()),
        bad("keep: is required, was missing", () -> GlbSpec.builder().keep(null).build()),
        bad(
            "block_bits: must be a multiple of 8, was 12",
            () -> DramSpec.builder(DramModel.SIMPLE).blockBits(12).build()),
        bad(
            "bandwidth_bytes_per_cycle: must be > 0, was 0",
            () -> DramSpec.builder(DramModel.SIMPLE).bandwidthBytesPerCycle(0).build()),
        bad(
            "latency_cycles: must be >= 0, was -1",
            () -> DramSpec.builder(DramModel.SIMPLE).latencyCycles(-1).build()),
        bad(
            "tRCD: applies to timing models only (model is simple), was 5",
            () -> DramSpec.builder(DramModel.SIMPLE).tRCD(5).build()),
        bad(
            "bandwidth_bytes_per_cycle: applies to model simple only (remove the key, or --set it to"
                + " null, for a timing model), was 2.4",
            () -> DramSpec.builder(DramModel.DDR4_3200).bandwidthBytesPerCycle(2.4).build()),
        bad(
            "channels: must be >= 1, was 0",
            () -> DramSpec.builder(DramModel.HBM2).channels(0).build()),
        bad(
            "bus_bits: must be a multiple of 8, was 12",
            () -> DramSpec.builder(DramModel.DDR4_3200).busBits(12).build()),
        bad(
            "clock_mhz: must be > 0, was -1600",
            () -> DramSpec.builder(DramModel.DDR4_3200).clockMhz(-1600).build()),
        bad(
            "burst_length: must be even (two beats per DRAM clock), was 7",
            () -> DramSpec.builder(DramModel.DDR4_3200).burstLength(7).build()),
        bad(
            "row_bytes: must be a multiple of the burst size (64 bytes), was 1000",
            () -> DramSpec.builder(DramModel.DDR4_3200).rowBytes(1000).build()),
        bad("tCL: must be >= 1, was 0", () -> DramSpec.builder(DramModel.DDR4_3200).tCL(0).build()),
        bad(
            "tRFC: must be < tREFI (500), was 560",
            () -> DramSpec.builder(DramModel.DDR4_3200).tREFI(500).build()),
        bad("lanes: must be >= 1, was 0", () -> VectorUnitSpec.builder().lanes(0).build()),
        bad(
            "latency_cycles.exp: must be >= 1, was 0",
            () -> VectorUnitSpec.builder().latencyCycles(VectorOp.EXP, 0).build()),
        bad(
            "name: must be letters, digits, '-' or '_', was 'my arch'",
            () -> arch("my arch", 200, "eyeriss-65nm").build()),
        bad("clock_mhz: must be > 0, was -4", () -> arch("a", -4, "eyeriss-65nm").build()),
        bad("energy_table: must name an energy table, was ''", () -> arch("a", 200, "").build()),
        bad(
            "glb.bank_width_bits: must be a multiple of the inputs precision (24 bits), was 64",
            () ->
                arch("a", 200, "t")
                    .datatype(Datatype.FP)
                    .precision(new Precision(16, 24, 16, 32))
                    .build()),
        bad(
            "precision.accumulator: must be <= 32 for datatype int, was 48",
            () -> arch("a", 200, "t").precision(new Precision(16, 16, 16, 48)).build()),
        bad(
            "noc.kind: must be one of multicast, systolic, was 'mesh'",
            () -> prefixed("noc.kind", () -> NocKind.named("mesh"))));
  }

  private static Arguments bad(String message, Executable construct) {
    return Arguments.of(message, construct);
  }

  private static ArchSpec.Builder arch(String name, double clockMhz, String table) {
    return ArchSpec.builder(name, clockMhz, table, new PeArraySpec(12, 14));
  }

  private static void prefixed(String prefix, Executable construct) throws Throwable {
    InvalidSpecException e = assertThrows(InvalidSpecException.class, construct);
    throw e.prefixed(prefix);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  void rejectsEachBadFieldWithItsMessage(String message, Executable construct) {
    InvalidSpecException e = assertThrows(InvalidSpecException.class, construct);
    assertEquals(message, e.getMessage());
    assertEquals(1, e.violations().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSpecs")
  void acceptsTheDocumentedDefaultsAndPresets(String what, Executable construct) throws Throwable {
    construct.execute();
  }

  static Stream<Arguments> validSpecs() {
    return Stream.of(
        Arguments.of("reference", (Executable) ArchSpec::reference),
        Arguments.of("ddr4-3200", (Executable) () -> DramSpec.preset(DramModel.DDR4_3200)),
        Arguments.of("lpddr4-3200", (Executable) () -> DramSpec.preset(DramModel.LPDDR4_3200)),
        Arguments.of("hbm2", (Executable) () -> DramSpec.preset(DramModel.HBM2)),
        Arguments.of(
            "systolic",
            (Executable)
                () ->
                    NocSpec.builder()
                        .kind(NocKind.SYSTOLIC)
                        .preload(Preload.OVERLAPPED)
                        .weightFifoTiles(4)
                        .build()),
        Arguments.of("shared rf", (Executable) () -> RfSpec.sharedFile(new RfFileSpec(256, 2, 1))));
  }

  @Test
  void collectsEveryViolationOfARecordAtOnce() {
    InvalidSpecException e =
        assertThrows(
            InvalidSpecException.class,
            () -> GlbSpec.builder().sizeKiB(0).banks(0).portsPerBank(-1).build());
    assertEquals(
        "size_kib: must be > 0, was 0\n"
            + "banks: must be >= 1, was 0\n"
            + "ports_per_bank: must be >= 1, was -1",
        e.getMessage());
  }

  @Test
  void prefixesPathsForTheLoader() {
    InvalidSpecException e =
        assertThrows(InvalidSpecException.class, () -> GlbSpec.builder().sizeKiB(-4).build());
    assertEquals("glb.size_kib: must be > 0, was -4", e.prefixed("glb").getMessage());
    assertEquals("glb.size_kib", e.prefixed("glb").violations().get(0).path());
  }

  @Test
  void loaderCollectsViolationsOfSeveralRecordsBeforeFailingOnce() {
    Violations all = new Violations();
    all.attempt("pe_array", () -> new PeArraySpec(0, 0));
    all.attempt("glb", () -> GlbSpec.builder().banks(0).build());
    InvalidSpecException e = assertThrows(InvalidSpecException.class, all::throwIfAny);
    assertEquals(
        "pe_array.rows: must be >= 1, was 0\n"
            + "pe_array.cols: must be >= 1, was 0\n"
            + "glb.banks: must be >= 1, was 0",
        e.getMessage());
  }

  @Test
  void derivesQuantitiesWithUnits() {
    ArchSpec reference = ArchSpec.reference();
    assertEquals(5.0, reference.clockPeriodNs());
    assertEquals(0.005, reference.latencyMs(1000));
    assertEquals(108 * 1024, reference.glb().sizeBytes());
    assertEquals(100 * 1024, reference.glb().sharedBytes());
    assertEquals(512, reference.glb().bankWords());
    assertEquals(Set.copyOf(EnumSet.of(Operand.INPUTS, Operand.OUTPUTS)), reference.glb().keep());
    assertEquals(25.6, DramSpec.preset(DramModel.DDR4_3200).peakBytesPerCoreCycle(1000), 1e-9);
    assertEquals(4, reference.noc().wordsPerCycle(Operand.WEIGHTS));
  }

  @Test
  void namedListsTheValidKeys() {
    InvalidSpecException e =
        assertThrows(InvalidSpecException.class, () -> DramModel.named("ddr5"));
    assertEquals("must be one of simple, ddr4-3200, lpddr4-3200, hbm2, was 'ddr5'", e.getMessage());
    assertEquals(DramScheduler.FR_FCFS, DramScheduler.named("fr-fcfs"));
  }
}
