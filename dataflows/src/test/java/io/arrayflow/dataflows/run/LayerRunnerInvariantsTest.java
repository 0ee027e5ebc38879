package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.analysis.RandomCases;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapspace.MappingChoice;
import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.dataflows.systolic.SystolicDataflow;
import io.arrayflow.dataflows.systolic.SystolicExecutor;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.result.EnergyBreakdown;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Datatype;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.spec.PeSpec;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.OpKind;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import io.arrayflow.workloads.zoo.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md's five invariants ("Three fidelities, one answer") through the {@link LayerRunner}
 * facade, on every built-in architecture of configs/arch/ ({@link TestArchs}), on edge-int8 with
 * each DRAM timing preset, and on a float32 variant of one multicast and one systolic architecture,
 * for WS, OS and IS and seeded random small ops: convolutions with stride, padding, dilation and
 * groups (depthwise included), FC layers wide enough to need several GLB tiles, and batched matmuls
 * whose "weights" are activations. The forms checked are docs/execution.md's.
 */
class LayerRunnerInvariantsTest {
  private static final String WORKLOAD = "random";
  private static final long MAX_MACS = 50_000;

  /**
   * The architectures, each with how many random ops run on it, their MAC budget and most groups (a
   * systolic array runs each group as its own folds).
   */
  record Target(ArchSpec arch, int ops, long maxMacs, int maxGroups) {
    @Override
    public String toString() {
      return arch.name();
    }
  }

  static List<Target> targets() {
    ArchSpec edge = TestArchs.edgeInt8();
    return List.of(
        new Target(TestArchs.eyeriss(), 14, MAX_MACS, Integer.MAX_VALUE),
        new Target(TestArchs.eyeriss256(), 14, MAX_MACS, Integer.MAX_VALUE),
        new Target(edge, 14, MAX_MACS, Integer.MAX_VALUE),
        new Target(
            TestArchs.withDram(
                edge,
                "edge-int8-ddr4",
                DramSpec.builder(DramModel.DDR4_3200).blockBits(256).build()),
            10,
            MAX_MACS,
            Integer.MAX_VALUE),
        new Target(
            TestArchs.withDram(
                edge, "edge-int8-hbm2", DramSpec.builder(DramModel.HBM2).blockBits(256).build()),
            10,
            MAX_MACS,
            Integer.MAX_VALUE),
        new Target(TestArchs.systolic32(), 10, MAX_MACS, Integer.MAX_VALUE),
        // 256 x 256 PEs are stepped every cycle of every fold: a few small ungrouped ops only.
        new Target(TestArchs.tpuV1(), 2, 2_000, 1),
        new Target(
            TestArchs.floatingPoint(TestArchs.eyeriss(), "horowitz-45nm"),
            6,
            MAX_MACS,
            Integer.MAX_VALUE),
        new Target(
            TestArchs.floatingPoint(TestArchs.systolic32(), "horowitz-45nm"),
            6,
            MAX_MACS,
            Integer.MAX_VALUE));
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    int t = 0;
    for (Target target : targets()) {
      Random rnd = new Random(7919L * ++t);
      for (int i = 0; i < target.ops(); i++) {
        OpSpec op = randomOp(rnd, target, "op" + i);
        for (Dataflow df : runnable(target.arch())) {
          cases.add(Arguments.of(target.arch(), df, op));
        }
      }
    }
    return cases.stream();
  }

  /**
   * A random op of at most {@code maxMacs} MACs: a conv (stride, padding, dilation, groups), a
   * depthwise conv, a wide FC or a batched matmul with dynamic weights.
   */
  static OpSpec randomOp(Random rnd, Target target, String name) {
    while (true) {
      OpSpec op = randomOp(rnd, target.maxMacs(), name);
      if (op.g() <= target.maxGroups()) {
        return op;
      }
    }
  }

  /** A random op of at most {@code maxMacs} MACs, any number of groups. */
  static OpSpec randomOp(Random rnd, long maxMacs, String name) {
    while (true) {
      OpSpec op =
          switch (rnd.nextInt(5)) {
            case 0 ->
                OpSpec.fc(name, 1 + rnd.nextInt(4), 8 + rnd.nextInt(250), 8 + rnd.nextInt(250));
            case 1 ->
                OpSpec.matmul(
                    name,
                    1 + rnd.nextInt(4),
                    1 + rnd.nextInt(24),
                    1 + rnd.nextInt(48),
                    1 + rnd.nextInt(24),
                    false);
            case 2 -> conv(rnd, name, 1 + rnd.nextInt(12), 1, 1);
            default ->
                conv(rnd, name, 1 + rnd.nextInt(3), 1 + rnd.nextInt(12), 1 + rnd.nextInt(12));
          };
      if (op != null && op.macs() <= maxMacs) {
        return op;
      }
    }
  }

  /** A conv with {@code g} groups of {@code m} filters over {@code c} channels, or null. */
  private static OpSpec conv(Random rnd, String name, int g, int m, int c) {
    int r = 1 + rnd.nextInt(3);
    int s = 1 + rnd.nextInt(3);
    int strideH = 1 + rnd.nextInt(2);
    int strideW = 1 + rnd.nextInt(2);
    int dilH = 1 + rnd.nextInt(2);
    int dilW = 1 + rnd.nextInt(2);
    int padH = rnd.nextInt(2);
    int padW = rnd.nextInt(2);
    int p = 1 + rnd.nextInt(8);
    int q = 1 + rnd.nextInt(8);
    int n = 1 + rnd.nextInt(2);
    int h = (p - 1) * strideH + (r - 1) * dilH + 1 - 2 * padH + rnd.nextInt(strideH);
    int w = (q - 1) * strideW + (s - 1) * dilW + 1 - 2 * padW + rnd.nextInt(strideW);
    if (!OpSpec.problems(n, g, m, c, h, w, r, s, strideH, strideW, dilH, dilW, padH, padW)
        .isEmpty()) {
      return null;
    }
    return new OpSpec(
        name, OpKind.CONV, n, g, m, c, h, w, r, s, strideH, strideW, dilH, dilW, padH, padW, true);
  }

  /** A small search budget: these tests check the runs, not how good the mappings are. */
  private static final MapperOptions SEARCH = MapperOptions.defaults().withBudget(2_000);

  private static final Map<ArchSpec, LayerRunner> RUNNERS = new ConcurrentHashMap<>();

  /** One runner per arch, so that its mapper searches each op once across the tests. */
  private static LayerRunner runner(ArchSpec arch) {
    return RUNNERS.computeIfAbsent(
        arch, a -> new LayerRunner(a, EnergyTables.named(a.energyTable()), SEARCH));
  }

  private static LayerResult run(ArchSpec arch, Dataflow df, OpSpec op, Fidelity fidelity) {
    LayerRun run = runner(arch).run(WORKLOAD, Layer.of(op), df, fidelity, null);
    assertTrue(run.mapped(), () -> op + " on " + arch.name() + ": " + run.reasons());
    return run.result();
  }

  private static boolean systolic(ArchSpec arch) {
    return arch.noc().kind() == NocKind.SYSTOLIC;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void threeFidelitiesCountTheSameAccessesAndEventCyclesEqualCycleCycles(
      ArchSpec arch, Dataflow df, OpSpec op) {
    LayerResult analytical = run(arch, df, op, Fidelity.ANALYTICAL);
    LayerResult event = run(arch, df, op, Fidelity.EVENT);
    LayerResult cycle = run(arch, df, op, Fidelity.CYCLE);
    String what = op + " " + df + " on " + arch.name();

    // Invariant 1: every count, per level x operand x action, in all three fidelities.
    assertSameAccesses(analytical.accesses(), event.accesses(), what + ": analytical vs event");
    assertSameAccesses(event.accesses(), cycle.accesses(), what + ": event vs cycle");
    assertEquals(op.macs(), analytical.macs(), what);
    assertEquals(
        op.macs(), cycle.accesses().countWithoutOperand(Level.MAC, AccessAction.MAC), what);

    // Invariant 2: event cycles equal cycle cycles, and so does every stall cause.
    assertEquals(event.cycles(), cycle.cycles(), what + ": event vs cycle cycles");
    for (StallCause cause : StallCause.values()) {
      assertEquals(
          event.accesses().stallCycles(cause),
          cycle.accesses().stallCycles(cause),
          what + ": " + cause + " stalls");
    }
    assertTrue(event.accesses().totalStallCycles() <= event.cycles(), what);
    assertEquals(event.accesses().totalStallCycles(), event.stallCycles(), what);

    // Invariant 3: analytical <= event, equal when nothing but fill and drain stalls
    // (docs/execution.md), on every NoC kind.
    assertTrue(
        analytical.cycles() <= event.cycles(),
        what + ": analytical " + analytical.cycles() + " > event " + event.cycles());
    if (avoidableStalls(event.accesses()) == 0) {
      assertEquals(analytical.cycles(), event.cycles(), what + ": nothing stalls");
    }
    // Every cycle is busy or one stall, at every fidelity.
    for (LayerResult r : List.of(analytical, event, cycle)) {
      assertEquals(
          r.cycles(),
          r.accesses().busyCycles("pe-array") + r.accesses().totalStallCycles(),
          what + " " + r.fidelity());
    }
  }

  /** Stalls beyond fill and drain: the ones the analytical bound leaves out. */
  static long avoidableStalls(Stats s) {
    return s.stallCycles(StallCause.NOC)
        + s.stallCycles(StallCause.GLB_BANK)
        + s.stallCycles(StallCause.DRAM_LATENCY)
        + s.stallCycles(StallCause.DRAM_BANDWIDTH);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void cycleOutputsEqualTheReference(ArchSpec arch, Dataflow df, OpSpec op) {
    Verification v = runner(arch).verify(op, df, 41, "");

    // Invariant 4: int bit-exact, float within 1e-4 of the reference's largest magnitude.
    assertTrue(v.pass(), () -> op + " " + df + " on " + arch.name() + ": " + v);
    if (arch.datatype() == Datatype.INT) {
      assertEquals(0.0, v.maxAbsError());
      assertEquals(0.0, v.tolerance());
    } else {
      assertTrue(v.tolerance() > 0, v::toString);
    }
    assertEquals(op.macs(), v.macs());
    // Cycles do not depend on the values, and cycle cycles equal event cycles (invariant 2).
    assertEquals(run(arch, df, op, Fidelity.EVENT).cycles(), v.cycles());
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void energyIsPositiveWhereverThereAreCounts(ArchSpec arch, Dataflow df, OpSpec op) {
    EnergyModel table = EnergyTables.named(arch.energyTable());
    // Cycle fidelity has event's counts and cycles (invariants 1 and 2), hence its energy.
    for (Fidelity fidelity : List.of(Fidelity.ANALYTICAL, Fidelity.EVENT)) {
      LayerResult r = run(arch, df, op, fidelity);
      Stats s = r.accesses();
      EnergyBreakdown energy = r.energy();
      String what = op + " " + df + " " + fidelity + " on " + arch.name() + ": " + energy;
      assertTrue(energy.mac() > 0, what);
      assertEquals(energy.rf() > 0, hasCounts(s, Level.RF), what + " rf");
      assertEquals(energy.glb() > 0, hasCounts(s, Level.GLB), what + " glb");
      assertEquals(energy.dram() > 0, hasCounts(s, Level.DRAM), what + " dram");
      assertTrue(hasCounts(s, Level.NOC), what);
      assertEquals(energy.noc() > 0, nocIsPriced(arch, table), what + " noc");
      assertEquals(0.0, energy.vector(), what);
      assertEquals(table.unit(), energy.unit());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void twoRunsOfTheSameLayerGiveEqualResults(Target target) {
    OpSpec op = randomOp(new Random(5), target, "again");
    for (Dataflow df : runnable(target.arch())) {
      for (Fidelity fidelity : Fidelity.values()) {
        assertEquals(
            run(target.arch(), df, op, fidelity),
            run(target.arch(), df, op, fidelity),
            op + " " + df + " " + fidelity);
      }
    }
  }

  /** The dataflows an arch's NoC runs: all of them on a multicast NoC, ws, os, is on a systolic. */
  static List<Dataflow> runnable(ArchSpec arch) {
    List<Dataflow> out = new ArrayList<>();
    for (Dataflow df : Dataflow.values()) {
      if (arch.noc().kind() != NocKind.SYSTOLIC || df.runsOnSystolic()) {
        out.add(df);
      }
    }
    return out;
  }

  static LongStream seeds() {
    return LongStream.range(0, 12);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyDataflowOnBothNocKindsComputesTheSameIntOutputs(long seed) {
    OpSpec op = randomOp(new Random(seed), MAX_MACS, "same" + seed);
    // 8-bit values fit the 16-bit eyeriss and the 8-bit systolic-32.
    IntTensor w = Reference.randomWeights(op, seed, 8);
    IntTensor x = Reference.randomInputs(op, seed + 1, 8);
    ArchSpec multicast = TestArchs.eyeriss();
    ArchSpec systolic = TestArchs.systolic32();
    int[] want = Reference.run(op, w, x).data();
    for (Dataflow df : Dataflow.values()) {
      int[] viaMulticast =
          MulticastExecutor.cycle(
                  op, multicast, ArchHierarchy.of(multicast), mapping(multicast, df, op), w, x)
              .output()
              .data();
      // Invariant 5 (and 4): the same tensor whatever the dataflow and the NoC.
      assertArrayEquals(want, viaMulticast, op + " " + df + " multicast");
      if (df.runsOnSystolic()) {
        int[] viaSystolic =
            SystolicExecutor.cycle(op, systolic, SystolicDataflow.valueOf(df.name()), w, x)
                .output()
                .data();
        assertArrayEquals(want, viaSystolic, op + " " + df + " systolic");
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyDataflowOnBothNocKindsComputesTheSameFloatOutputs(long seed) {
    OpSpec op = randomOp(new Random(seed + 100), MAX_MACS, "fsame" + seed);
    FloatTensor w = Reference.randomWeights(op, seed);
    FloatTensor x = Reference.randomInputs(op, seed + 1);
    ArchSpec multicast = TestArchs.floatingPoint(TestArchs.eyeriss(), "horowitz-45nm");
    ArchSpec systolic = TestArchs.floatingPoint(TestArchs.systolic32(), "horowitz-45nm");
    float[] first = null;
    double scale = 0;
    for (Dataflow df : Dataflow.values()) {
      float[] viaMulticast =
          MulticastExecutor.cycle(
                  op, multicast, ArchHierarchy.of(multicast), mapping(multicast, df, op), w, x)
              .output()
              .data();
      float[][] outs =
          df.runsOnSystolic()
              ? new float[][] {
                viaMulticast,
                SystolicExecutor.cycle(op, systolic, SystolicDataflow.valueOf(df.name()), w, x)
                    .output()
                    .data()
              }
              : new float[][] {viaMulticast};
      for (float[] out : outs) {
        if (first == null) {
          first = out;
          for (float v : first) {
            scale = Math.max(scale, Math.abs(v));
          }
        }
        assertEquals(first.length, out.length);
        for (int i = 0; i < first.length; i++) {
          assertEquals(first[i], out[i], 1e-4 * scale, op + " " + df + " at " + i);
        }
      }
    }
  }

  /**
   * Random explicit mappings (RandomCases: every prime factor at a random level, random loop orders
   * and bypass) of small convolutions on eyeriss and edge-int8 with each DRAM timing preset: many
   * GLB tiles and write-backs, so open rows and addresses that do not start a row make the timing
   * DRAM faster than when idle. With the idle write-back time as {@code B} (before
   * docs/execution.md's "Timing DRAMs"), analytical exceeded event here (seed 40: 170 > 165).
   */
  @Test
  void randomExplicitMappingsOnTimingDramsKeepInvariantsOneToThree() {
    List<ArchSpec> archs = new ArrayList<>();
    for (ArchSpec base : List.of(TestArchs.eyeriss(), TestArchs.edgeInt8())) {
      for (DramModel model : List.of(DramModel.DDR4_3200, DramModel.LPDDR4_3200, DramModel.HBM2)) {
        archs.add(
            TestArchs.withDram(
                base,
                base.name() + "-" + model.key(),
                DramSpec.builder(model).blockBits(base.dram().blockBits()).build()));
      }
    }
    int ran = 0;
    int stallFree = 0;
    for (int seed = 0; seed < 360; seed++) {
      ArchSpec arch = archs.get(seed % archs.size());
      LayerRunner runner = runner(arch);
      Random rnd = new Random(seed);
      OpSpec op = RandomCases.spec(rnd, 3_000);
      Mapping m = RandomCases.mapping(rnd, op, runner.hierarchy());
      LayerRun analytical = runner.run(WORKLOAD, Layer.of(op), Dataflow.WS, Fidelity.ANALYTICAL, m);
      if (!analytical.mapped()) {
        continue; // a random mapping may overflow a register file
      }
      ran++;
      LayerResult a = analytical.result();
      LayerResult e = runner.run(WORKLOAD, Layer.of(op), Dataflow.WS, Fidelity.EVENT, m).result();
      LayerResult c = runner.run(WORKLOAD, Layer.of(op), Dataflow.WS, Fidelity.CYCLE, m).result();
      String what = "seed " + seed + " " + op + " on " + arch.name() + "\n" + m;
      assertSameAccesses(a.accesses(), e.accesses(), what);
      assertSameAccesses(e.accesses(), c.accesses(), what);
      assertEquals(e.cycles(), c.cycles(), what);
      for (StallCause cause : StallCause.values()) {
        assertEquals(
            e.accesses().stallCycles(cause), c.accesses().stallCycles(cause), what + cause);
      }
      assertTrue(a.cycles() <= e.cycles(), what + "\nanalytical " + a + "\nevent " + e);
      if (avoidableStalls(e.accesses()) == 0) {
        stallFree++;
        assertEquals(a.cycles(), e.cycles(), what);
      }
    }
    assertTrue(ran >= 200, "only " + ran + " of 360 random mappings fit");
    assertTrue(stallFree > 0, "only " + stallFree + " runs without avoidable stalls");
  }

  @Test
  void anOpTheFixedRuleCannotMapRunsWithAnOperandBypassingTheRegisterFile() {
    // Two shared RF words cannot hold a weight, an input and a partial sum at once; the mapper
    // keeps the stationary weight and one other operand there and streams the third past.
    ArchSpec ref = ArchSpec.reference();
    ArchSpec tiny =
        ArchSpec.builder("tiny", 200, "eyeriss-65nm", new PeArraySpec(2, 2))
            .pe(new PeSpec(ref.pe().mac(), RfSpec.sharedFile(RfFileSpec.of(2))))
            .build();
    OpSpec op = OpSpec.fc("fc", 1, 4, 4);
    assertFalse(Dataflow.WS.family().choose(op, ArchHierarchy.of(tiny)).found());
    LayerRunner runner = runner(tiny);

    LayerRun run = runner.run(WORKLOAD, Layer.of(op), Dataflow.WS, Fidelity.CYCLE, null);

    assertTrue(run.mapped(), () -> String.join("; ", run.reasons()));
    assertTrue(
        run.mapping().matches(".*\\{level: rf, [^}]*keep: \\[weights, (inputs|outputs)\\]\\}.*"),
        run.mapping());
    assertTrue(runner.verify(op, Dataflow.WS, 1, "").pass());
  }

  private static Mapping mapping(ArchSpec arch, Dataflow df, OpSpec op) {
    Hierarchy h = ArchHierarchy.of(arch);
    MappingChoice choice = df.family().choose(op, h);
    assertTrue(choice.found(), () -> op + " " + df + ": " + choice.reasons());
    return choice.mapping();
  }

  private static boolean hasCounts(Stats s, Level level) {
    for (AccessAction a : AccessAction.values()) {
      if (s.total(level, a) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the table charges for what the NoC counts on {@code arch} (horowitz-45nm does not). */
  private static boolean nocIsPriced(ArchSpec arch, EnergyModel table) {
    int hops = systolic(arch) ? 1 : 0;
    double price = 0;
    for (Operand o : Operand.values()) {
      price += table.nocDeliveryEnergy(arch.precision().bits(o), hops);
    }
    return price + table.nocDeliveryEnergy(arch.precision().outputs(), 1) > 0;
  }

  private static void assertSameAccesses(Stats want, Stats got, String what) {
    for (Level level : Level.values()) {
      for (AccessAction a : AccessAction.values()) {
        for (Operand o : Operand.values()) {
          assertEquals(
              want.count(level, o, a), got.count(level, o, a), what + ": " + level + " " + o + a);
        }
        assertEquals(
            want.countWithoutOperand(level, a),
            got.countWithoutOperand(level, a),
            what + ": " + level + " " + a);
      }
    }
  }
}
