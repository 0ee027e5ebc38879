package io.arrayflow.dataflows.mapspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.analysis.AccessAnalysis;
import io.arrayflow.dataflows.analysis.AccessCounts;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.is.InputStationary;
import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Bandwidth;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.dataflows.nlr.NoLocalReuse;
import io.arrayflow.dataflows.os.OutputStationary;
import io.arrayflow.dataflows.rs.RowStationary;
import io.arrayflow.dataflows.ws.WeightStationary;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpKind;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MappingFamilyTest {
  private static final Hierarchy EYERISS = ArchHierarchy.of(TestArchs.eyeriss());
  private static final Hierarchy EDGE = ArchHierarchy.of(TestArchs.edgeInt8());

  static Stream<Arguments> zoo() {
    List<Arguments> out = new ArrayList<>();
    for (Dataflow df : Dataflow.values()) {
      for (String arch : List.of("eyeriss", "edge-int8")) {
        for (String w : List.of("alexnet", "resnet18", "mobilenet_v2", "bert-base")) {
          out.add(Arguments.of(df, arch, w));
        }
      }
    }
    return out.stream();
  }

  /**
   * Every MAC layer gets a feasible mapping that keeps its operand stationary and uses at least a
   * quarter of the array. Stationary means, per PE, MACs per word of the operand filled into its
   * register file: WS reuses a weight at least half of min(N·P·Q, 16) times; OS accumulates every
   * MAC into the PE's psum file and a psum returns at most once per min(C·R·S, 8) MACs; IS reuses
   * an input at least twice when M >= 2 (the eyeriss filter partition of 8 KiB bounds how much of M
   * fits beside the inputs).
   */
  @ParameterizedTest(name = "{0} on {1}: {2}")
  @MethodSource("zoo")
  void findsAFeasibleStationaryMappingForEveryZooLayer(Dataflow df, String arch, String workload) {
    Hierarchy h = arch.equals("eyeriss") ? EYERISS : EDGE;
    MappingFamily family = df.family();
    for (Layer layer : ModelZoo.named(workload, 1, 128).layers()) {
      OpSpec spec = layer.mac();
      if (spec == null) {
        continue;
      }
      String where = df + " " + workload + " " + layer.name() + " on " + arch;
      MappingChoice choice = family.choose(spec, h);
      assertTrue(choice.found(), () -> where + ": " + choice);
      MappingResult check = MappingCheck.check(spec, h, choice.mapping());
      assertTrue(check.isFeasible(), () -> where + ": " + check + "\n" + choice.mapping());
      AccessCounts c = AccessAnalysis.count(spec, h, choice.mapping());
      long macs = c.macs();
      switch (df) {
        case WS -> {
          long avail = (long) spec.n() * spec.p() * spec.q();
          long fills = c.fills("rf.weights", Role.WEIGHTS);
          assertTrue(2 * macs >= fills * Math.min(avail, 16), () -> where + ": fills " + fills);
        }
        case OS -> {
          long avail = (long) spec.c() * spec.r() * spec.s();
          long fills = c.fills("rf.outputs", Role.OUTPUTS);
          assertEquals(macs, c.updates("rf.outputs", Role.OUTPUTS), where);
          assertTrue(macs >= fills * Math.min(avail, 8), () -> where + ": psum fills " + fills);
        }
        case IS -> {
          // With M = 1 (depthwise) no input is reused by another filter, and a strided window's
          // box moves skipped rows too: only layers with several filters can show reuse.
          long fills = c.fills("rf.inputs", Role.INPUTS);
          if (spec.m() >= 2) {
            assertTrue(macs >= 2 * fills, () -> where + ": fills " + fills);
          }
        }
        case RS -> {
          // The filter row stays while the ifmap rows of the images slide past it (output rows
          // are spread over the columns, not reused in time; a GLB too small for a whole slide,
          // edge-int8's for ResNet-18's strided 1 x 1 convolutions, cuts the rule's slide to two
          // positions, where the mapper does better), and the PE set is 2-D.
          long avail = (long) spec.n() * spec.q();
          long fills = c.fills("rf.weights", Role.WEIGHTS);
          assertTrue(macs >= fills * Math.min(avail, 2), () -> where + ": fills " + fills);
          Mapping m = choice.mapping();
          assertTrue(spec.r() == 1 || m.spatial(Axis.ROWS, Dim.R) > 1, where);
          assertTrue(spec.p() == 1 || m.spatial(Axis.COLS, Dim.P) > 1, where);
          assertEquals(spec.s(), m.level("rf.outputs").orElseThrow().factor(Dim.S), where);
        }
        case NLR -> {
          for (Role role : Role.values()) {
            for (String rf : List.of("rf.weights", "rf.inputs", "rf.outputs")) {
              assertEquals(0, c.fills(rf, role), where + " " + rf + " " + role);
            }
          }
        }
      }
      assertTrue(4 * c.utilisedPes() >= h.pes(), () -> where + ": PEs " + c.utilisedPes());
    }
  }

  @Test
  void weightStationarySharesTheRowsBetweenThreeChannelsAndThreeFilterColumns() {
    OpSpec conv = OpSpec.conv("c3", 1, 1, 64, 3, 34, 34, 3, 3, 1, 0, 1);

    Mapping m = WeightStationary.FAMILY.choose(conv, EYERISS).mapping();

    assertEquals(3, m.spatial(Axis.ROWS, Dim.C));
    assertEquals(3, m.spatial(Axis.ROWS, Dim.S));
    assertEquals(1, m.spatial(Axis.ROWS, Dim.R));
    assertEquals(8, m.spatial(Axis.COLS, Dim.M));
  }

  @Test
  void outputStationaryFillsTheRowsWithPixelsAndFiltersAndTheReductionRunsInnermost() {
    // P = Q = 14 on 16 x 16: rows P 2 x M 8 fill all 16 (P 14 alone fills 14), cols Q 14.
    OpSpec conv = OpSpec.conv("c", 1, 1, 16, 8, 14, 14, 3, 3, 1, 1, 1);

    Mapping m = OutputStationary.FAMILY.choose(conv, EDGE).mapping();

    assertEquals(2, m.spatial(Axis.ROWS, Dim.P));
    assertEquals(8, m.spatial(Axis.ROWS, Dim.M));
    assertEquals(14, m.spatial(Axis.COLS, Dim.Q));
    assertEquals(1, m.spatial(Axis.COLS, Dim.M));
    assertEquals(
        List.of(Dim.G, Dim.N, Dim.M, Dim.P, Dim.Q, Dim.C, Dim.R, Dim.S),
        m.level("glb").orElseThrow().order());
  }

  @Test
  void dataflowsCarryTheirFamilies() {
    assertSame(WeightStationary.FAMILY, Dataflow.WS.family());
    assertSame(OutputStationary.FAMILY, Dataflow.OS.family());
    assertSame(InputStationary.FAMILY, Dataflow.IS.family());
    assertSame(RowStationary.FAMILY, Dataflow.RS.family());
    assertSame(NoLocalReuse.FAMILY, Dataflow.NLR.family());
    assertEquals(
        List.of("WS", "OS", "IS", "RS", "NLR"),
        Stream.of(Dataflow.values()).map(d -> d.family().space().name()).toList());
  }

  @Test
  void rowStationaryMapsAlexNetConv3AsTheChipDoes() {
    // The PE set is R x E = 3 x 13; four of them stack on the 12 x 14 array (156 PEs), each PE
    // holding a 3-wide filter row for q channels and p filters within its 224-word filter pad.
    OpSpec conv3 = ModelZoo.named("alexnet", 1, 128).layer("conv3").mac();

    Mapping m = RowStationary.FAMILY.choose(conv3, EYERISS).mapping();

    assertEquals(3, m.spatial(Axis.ROWS, Dim.R));
    assertEquals(13, m.spatial(Axis.COLS, Dim.P));
    assertEquals(156, AccessAnalysis.count(conv3, EYERISS, m).utilisedPes());
    assertEquals(3, m.level("rf.outputs").orElseThrow().factor(Dim.S));
    assertEquals(Dim.Q, m.level("glb").orElseThrow().order().get(7));
  }

  /** A 2 x 2 array of PEs with a shared register file of two words, below DRAM. */
  private static final Hierarchy TWO_WORD_RF =
      Hierarchy.of(
          List.of(StorageLevel.of("rf", Capacity.shared(2), false)),
          2,
          2,
          List.of(StorageLevel.of("dram", Capacity.unbounded(), false)));

  private static final OpSpec CONV_3X3 = OpSpec.conv("conv", 1, 1, 4, 4, 6, 6, 3, 3, 1, 0, 1);

  @ParameterizedTest
  @EnumSource(names = {"WS", "OS", "IS"})
  void reportsWhyNoMemberFitsASharedRegisterFileOfTwoWords(Dataflow df) {
    MappingChoice choice = df.family().choose(CONV_3X3, TWO_WORD_RF);

    assertFalse(choice.found());
    assertEquals(
        List.of(
            "no "
                + df
                + " mapping of conv fits: even the smallest tiles (every temporal factor at dram)"
                + " overflow",
            "level rf: tiles need 3 words (weights 1 + inputs 1 + outputs 1), usable capacity is"
                + " 2"),
        choice.reasons());
  }

  @Test
  void rowStationaryNeedsRoomForAFilterRowAndItsIfmapWindow() {
    MappingChoice choice = Dataflow.RS.family().choose(CONV_3X3, TWO_WORD_RF);

    assertEquals(
        List.of(
            "no RS mapping of conv fits: even the smallest tiles (every temporal factor at dram)"
                + " overflow",
            "level rf: tiles need 7 words (weights 3 + inputs 3 + outputs 1), usable capacity is"
                + " 2"),
        choice.reasons());
  }

  @Test
  void noLocalReuseNeedsNoRegisterFile() {
    MappingChoice choice = Dataflow.NLR.family().choose(CONV_3X3, TWO_WORD_RF);

    assertTrue(choice.found(), choice::toString);
    assertEquals(Optional.of(Set.of()), choice.mapping().level("rf").orElseThrow().keep());
  }

  static Stream<Arguments> randomCases() {
    return LongStream.range(0, 150).mapToObj(seed -> Arguments.of(seed));
  }

  /**
   * On random small ops and hierarchies a found mapping is feasible, and a family gives up only
   * when the smallest mapping (every factor at the outermost level, nothing spatial) overflows.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("randomCases")
  void aFoundMappingIsFeasibleAndNoneOnlyWhenTheSmallestOverflows(long seed) {
    Random rnd = new Random(seed);
    OpSpec spec = randomSpec(rnd);
    Hierarchy h = randomHierarchy(rnd);
    for (Dataflow df : Dataflow.values()) {
      MappingChoice choice = df.family().choose(spec, h);
      String where = "seed " + seed + " " + df + ": " + spec + " on " + h;
      if (choice.found()) {
        MappingResult r = MappingCheck.check(spec, h, choice.mapping());
        assertTrue(r.isFeasible(), () -> where + "\n" + r + "\n" + choice.mapping());
      } else {
        Mapping least = smallest(spec, h, df.family().space());
        assertFalse(MappingCheck.check(spec, h, least).isFeasible(), where);
      }
    }
  }

  @Test
  void randomCasesMostlyFindAMapping() {
    int found = 0;
    int total = 0;
    for (long seed = 0; seed < 150; seed++) {
      Random rnd = new Random(seed);
      OpSpec spec = randomSpec(rnd);
      Hierarchy h = randomHierarchy(rnd);
      for (Dataflow df : Dataflow.values()) {
        total++;
        found += df.family().choose(spec, h).found() ? 1 : 0;
      }
    }
    assertTrue(found * 10 >= total * 9, found + " of " + total);
  }

  /**
   * The family's smallest mapping: every factor at the outermost level but the dimensions the
   * family holds whole in the PE (at the innermost level), nothing spatial but each lead's smallest
   * prime when the family must spread its leads, PE-local levels keeping what the family lets them.
   */
  private static Mapping smallest(OpSpec spec, Hierarchy h, FamilySpace family) {
    Mapping.Builder b = Mapping.builder().level(h.level(h.outermost()).name());
    int[] top = new int[Dim.values().length];
    for (Dim d : Dim.values()) {
      top[d.ordinal()] = spec.size(d);
    }
    int[][] spread = new int[2][Dim.values().length];
    for (Axis a : Axis.values()) {
      int limit = a == Axis.ROWS ? h.rows() : h.cols();
      List<Dim> dims = family.dims(a);
      if (family.leadsSpread() && !dims.isEmpty()) {
        Dim lead = dims.get(0);
        for (int p = 2; p <= top[lead.ordinal()]; p++) {
          if (top[lead.ordinal()] % p == 0) {
            if (p <= limit) {
              spread[a.ordinal()][lead.ordinal()] = p;
              top[lead.ordinal()] /= p;
            }
            break;
          }
        }
      }
    }
    boolean pinned = h.peLevels() > 0;
    for (Dim d : Dim.values()) {
      b.temporal(d, pinned && family.wholeAtPe().contains(d) ? 1 : top[d.ordinal()]);
    }
    for (int lv = h.outermost() - 1; lv >= 0; lv--) {
      b.level(h.level(lv).name());
      if (lv == 0 && pinned) {
        for (Dim d : family.wholeAtPe()) {
          b.temporal(d, spec.size(d));
        }
      }
      if (lv < h.peLevels()) {
        Set<Role> keep = EnumSet.noneOf(Role.class);
        keep.addAll(h.level(lv).canKeep());
        keep.removeAll(family.notInPe());
        b.keep(keep.toArray(new Role[0]));
      }
      if (lv == h.peLevels()) {
        b.level(Hierarchy.ARRAY);
        for (Axis a : Axis.values()) {
          for (Dim d : Dim.values()) {
            b.spatial(a, d, Math.max(1, spread[a.ordinal()][d.ordinal()]));
          }
        }
      }
    }
    return b.build();
  }

  /** A conv (stride, padding, dilation, groups, depthwise), FC or matmul of at most ~20k MACs. */
  static OpSpec randomSpec(Random rnd) {
    return switch (rnd.nextInt(5)) {
      case 0 -> OpSpec.fc("fc", 1 + rnd.nextInt(4), 1 + rnd.nextInt(64), 1 + rnd.nextInt(64));
      case 1 ->
          OpSpec.matmul(
              "mm",
              1 + rnd.nextInt(3),
              1 + rnd.nextInt(24),
              1 + rnd.nextInt(24),
              1 + rnd.nextInt(24),
              rnd.nextBoolean());
      case 2 -> {
        int ch = 1 + rnd.nextInt(12);
        int k = 1 + 2 * rnd.nextInt(2);
        int hw = k + rnd.nextInt(12);
        yield OpSpec.conv("dw", 1, ch, 1, 1, hw, hw, k, k, 1 + rnd.nextInt(2), k / 2, 1);
      }
      default -> {
        int g = 1 + rnd.nextInt(2);
        int r = 1 + rnd.nextInt(3);
        int s = 1 + rnd.nextInt(3);
        int stride = 1 + rnd.nextInt(2);
        int pad = rnd.nextInt(2);
        int dil = 1 + rnd.nextInt(2);
        int hIn = (r - 1) * dil + 1 + rnd.nextInt(10);
        int wIn = (s - 1) * dil + 1 + rnd.nextInt(10);
        yield new OpSpec(
            "conv",
            OpKind.CONV,
            1 + rnd.nextInt(2),
            g,
            1 + rnd.nextInt(12),
            1 + rnd.nextInt(12),
            hIn,
            wIn,
            r,
            s,
            stride,
            stride,
            dil,
            dil,
            pad,
            pad,
            true);
      }
    };
  }

  /**
   * 2x2..6x6 PEs; a shared RF (3..32 words) or per-operand files (each present with probability
   * 3/4, 1..16 words); a GLB of 64..4096 bits, partitioned or not, maybe double buffered, maybe
   * absent; DRAM.
   */
  static Hierarchy randomHierarchy(Random rnd) {
    int rows = 2 + rnd.nextInt(5);
    int cols = 2 + rnd.nextInt(5);
    List<StorageLevel> pe = new ArrayList<>();
    if (rnd.nextBoolean()) {
      pe.add(StorageLevel.of("rf", Capacity.shared(3 + rnd.nextInt(30)), false));
    } else {
      for (Role role : List.of(Role.OUTPUTS, Role.WEIGHTS, Role.INPUTS)) {
        if (rnd.nextInt(4) > 0) {
          pe.add(
              new StorageLevel(
                  "rf." + role.key(),
                  EnumSet.of(role),
                  Capacity.shared(1 + rnd.nextInt(16)),
                  false,
                  Bandwidth.unbounded()));
        }
      }
    }
    List<StorageLevel> shared = new ArrayList<>();
    if (rnd.nextInt(4) > 0) {
      Map<Role, Long> own = new EnumMap<>(Role.class);
      if (rnd.nextBoolean()) {
        own.put(Role.values()[rnd.nextInt(3)], 64L + rnd.nextInt(1024));
      }
      Capacity cap =
          Capacity.partitioned(own, 64L + rnd.nextInt(4096), 8, 8 * (1 + rnd.nextInt(2)), 32);
      shared.add(
          new StorageLevel(
              "glb", EnumSet.allOf(Role.class), cap, rnd.nextBoolean(), Bandwidth.unbounded()));
    }
    shared.add(StorageLevel.of("dram", Capacity.unbounded(), false));
    return Hierarchy.of(pe, rows, cols, shared);
  }
}
