package io.arrayflow.dataflows.mapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.dataflows.mapspace.MappingChoice;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.spec.PeSpec;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.IntTensor;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MapperTest {
  private static final List<String> ZOO =
      List.of(
          "alexnet",
          "vgg16",
          "resnet18",
          "resnet50",
          "mobilenet_v2",
          "bert-base",
          "gpt2",
          "vit-b16");

  private static List<ArchSpec> multicastArchs() {
    return List.of(TestArchs.eyeriss(), TestArchs.eyeriss256(), TestArchs.edgeInt8());
  }

  private static EnergyModel table(ArchSpec arch) {
    return EnergyTables.named(arch.energyTable());
  }

  /** DRAM term caches per arch, so that scoring plans does not replay a timing DRAM each time. */
  private static final Map<ArchSpec, DramTermCache.Terms> DRAM = new ConcurrentHashMap<>();

  /** The plan's objective: its parts' energy and cycles added up, as the mapper compares them. */
  private static double score(LayerPlan plan, ArchSpec arch, Objective objective) {
    DramTermCache.Terms dram = DRAM.computeIfAbsent(arch, DramTermCache.Terms::of);
    Hierarchy h = ArchHierarchy.of(arch);
    EnergyCost.Rates rates = EnergyCost.rates(arch, table(arch));
    return MapperCases.score(plan, h, objective, op -> new Evaluator(op, arch, h, rates, dram));
  }

  @Test
  void everyLayerOfEveryBuiltInWorkloadHasAMappingOnEveryMulticastArch() {
    // The smallest member of a family's space fits whenever anything does, and the search always
    // scores it: that it fits is the proof that the mapper finds a mapping. Row-stationary holds a
    // whole filter row and its ifmap window in the PE; where they overflow the pads, the layer has
    // no RS mapping and the mapper says so.
    List<String> noRowStationary = new ArrayList<>();
    for (ArchSpec arch : multicastArchs()) {
      Hierarchy h = ArchHierarchy.of(arch);
      for (String w : ZOO) {
        for (Layer layer : ModelZoo.named(w, 1, 128).layers()) {
          OpSpec spec = layer.mac();
          if (spec == null) {
            continue;
          }
          for (Dataflow df : Dataflow.values()) {
            Space space = new Space(spec, h, df.family().space());
            Candidate smallest = new Candidate(h.size());
            space.smallest(smallest);
            Evaluator ev = new Evaluator(spec, arch, h, table(arch));
            String where = arch.name() + " " + w + " " + layer.name() + " " + df;
            if (df == Dataflow.RS && !ev.fits(smallest)) {
              noRowStationary.add(where + " S" + spec.s());
              continue;
            }
            assertTrue(ev.fits(smallest), where);
          }
        }
      }
    }
    assertEquals(List.of("eyeriss vit-b16 patch_embed RS S16"), noRowStationary);
  }

  @Test
  void saysWhyRowStationaryCannotHoldAFilterRowWiderThanTheIfmapPad() {
    ArchSpec arch = TestArchs.eyeriss();
    OpSpec patch = ModelZoo.named("vit-b16", 1, 128).layer("patch_embed").mac();

    LayerPlan plan =
        new Mapper(arch, ArchHierarchy.of(arch), table(arch), MapperOptions.defaults())
            .map(patch, Dataflow.RS);

    assertFalse(plan.found());
    assertEquals(
        "no RS mapping of patch_embed fits: even the smallest tiles overflow (every factor at"
            + " dram but [S] in the PE, every level below it bypassed but the register files"
            + " holding the weights, inputs, outputs)",
        plan.reasons().get(0));
    assertEquals(
        "level rf.inputs: tiles need 16 words (inputs 16), usable capacity is 12",
        plan.reasons().get(1));
  }

  @Test
  void saysExactlyWhyNothingFitsWhenTheStationaryOperandsFileHoldsNoWord() {
    ArchSpec arch = TestArchs.eyeriss();
    Hierarchy h = ArchHierarchy.of(arch);
    List<StorageLevel> pe = new ArrayList<>(h.levels().subList(0, h.peLevels()));
    pe.set(
        1,
        StorageLevel.of("rf.weights", Capacity.shared(0), false)
            .keeping(EnumSet.of(io.arrayflow.workloads.spec.Role.WEIGHTS)));
    Hierarchy noRoom =
        Hierarchy.of(pe, h.rows(), h.cols(), h.levels().subList(h.peLevels(), h.size()));
    OpSpec fc = OpSpec.fc("fc", 1, 8, 8);

    LayerPlan plan =
        new Mapper(arch, noRoom, table(arch), MapperOptions.defaults()).map(fc, Dataflow.WS);

    assertFalse(plan.found());
    assertEquals(
        List.of(
            "no WS mapping of fc fits: even the smallest tiles overflow (every factor at dram,"
                + " every level below it bypassed but one register file holding the weights)",
            "level rf.weights: tiles need 1 words (weights 1), usable capacity is 0"),
        plan.reasons());
  }

  @Test
  void findsTheSameMappingsWhateverTheThreadCount() {
    ArchSpec arch = TestArchs.eyeriss();
    Hierarchy h = ArchHierarchy.of(arch);
    MapperOptions one = MapperOptions.defaults().withBudget(4_000).withThreads(1);
    Mapper single = new Mapper(arch, h, table(arch), one);
    Mapper many = new Mapper(arch, h, table(arch), one.withThreads(3));
    for (Layer layer : ModelZoo.named("alexnet", 1, 128).layers()) {
      OpSpec spec = layer.mac();
      if (spec == null) {
        continue;
      }
      for (Dataflow df : Dataflow.values()) {
        LayerPlan a = single.map(spec, df);
        LayerPlan b = many.map(spec, df);
        assertEquals(a.mappings(), b.mappings(), layer.name() + " " + df);
        assertEquals(a.summary(), b.summary(), layer.name() + " " + df);
      }
    }
  }

  @Test
  void isNeverWorseThanTheFixedRulesOnAnySampledZooLayer() {
    for (ArchSpec arch : multicastArchs()) {
      Hierarchy h = ArchHierarchy.of(arch);
      Mapper mapper = new Mapper(arch, h, table(arch), MapperOptions.defaults().withBudget(500));
      int sampled = 0;
      for (String w : ZOO) {
        List<Layer> layers = ModelZoo.named(w, 1, 128).layers();
        // Every 11th layer; every 29th on a timing DRAM, whose fill the mapper replays burst by
        // burst.
        int every = arch.dram().isSimple() ? 11 : 29;
        for (int i = 0; i < layers.size(); i += every) {
          OpSpec spec = layers.get(i).mac();
          if (spec == null) {
            continue;
          }
          for (Dataflow df : Dataflow.values()) {
            MappingChoice rule = df.family().choose(spec, h);
            if (!rule.found()) {
              continue;
            }
            double ruled = score(LayerPlan.of(spec, rule.mapping()), arch, Objective.EDP);
            double mapped = score(mapper.map(spec, df), arch, Objective.EDP);
            assertTrue(mapped <= ruled, arch.name() + " " + spec + " " + df);
            sampled++;
          }
        }
      }
      assertTrue(sampled > 30, arch.name() + ": " + sampled);
    }
  }

  @Test
  void spreadsGpt2LmHeadOverTheArrayBySplittingItsPrimeFilters() {
    // 16 tokens at once, so that the weights are reused and the array's use matters (one token is
    // bound by reading the 38.6 M weights from DRAM whatever the mapping).
    ArchSpec arch = TestArchs.eyeriss();
    Hierarchy h = ArchHierarchy.of(arch);
    OpSpec lmHead = OpSpec.fc("lm_head", 16, 768, 50_257);

    LayerPlan plan =
        new Mapper(arch, h, table(arch), MapperOptions.defaults()).map(lmHead, Dataflow.WS);

    assertEquals(2, plan.parts().size(), plan.summary());
    assertEquals(Dim.M, plan.parts().get(0).slice().dim());
    long pes = plan.analytical(arch, h).utilisedPes();
    assertTrue(pes > 12, "PEs " + pes + ": " + plan.summary());
  }

  @Test
  void aSplitLayersPartsAddUpAndItsAssembledOutputsMatchTheReference() {
    ArchSpec arch = TestArchs.eyeriss();
    Hierarchy h = ArchHierarchy.of(arch);
    OpSpec conv = OpSpec.conv("conv", 2, 1, 13, 6, 13, 11, 3, 3, 1, 1, 1);
    for (Dim d : new Dim[] {Dim.N, Dim.M, Dim.P, Dim.Q}) {
      int cut = conv.size(d) / 2;
      List<LayerPlan.Part> parts = new ArrayList<>();
      for (Slice s : new Slice[] {new Slice(d, 0, cut), new Slice(d, cut, conv.size(d) - cut)}) {
        OpSpec part = s.apply(conv);
        Mapping m = Dataflow.OS.family().choose(part, h).mapping();
        parts.add(new LayerPlan.Part(s, part, m));
      }
      LayerPlan plan = new LayerPlan(conv, parts, List.of(), "");
      IntTensor w = Reference.randomWeights(conv, 3, 16);
      IntTensor x = Reference.randomInputs(conv, 4, 16);

      ValueRun<IntTensor> run = plan.cycle(arch, h, w, x, null);

      assertArrayEquals(Reference.run(conv, w, x).data(), run.output().data(), d.toString());
      long cycles = 0;
      for (LayerPlan.Part p : parts) {
        cycles += LayerPlan.of(p.spec(), p.mapping()).event(arch, h).cycles();
      }
      assertEquals(cycles, run.execution().cycles(), d.toString());
      assertEquals(conv.macs(), run.execution().macs(), d.toString());
    }
  }

  @Test
  void searchesASmallSpaceExhaustivelyAndNoMemberBeatsWhatItFound() {
    for (long seed = 0; seed < 8; seed++) {
      Random rnd = new Random(seed);
      ArchSpec arch = MapperCases.arch(rnd, 2, 2);
      Hierarchy h = ArchHierarchy.of(arch);
      OpSpec spec = OpSpec.fc("fc", 1, 2 + rnd.nextInt(3), 2 + rnd.nextInt(3));
      Dataflow df = Dataflow.values()[rnd.nextInt(Dataflow.values().length)];
      LayerPlan plan =
          new Mapper(arch, h, table(arch), MapperOptions.defaults().withBudget(200_000))
              .map(spec, df);
      assertTrue(plan.summary().contains("exhaustive"), plan.summary());
      double best = score(plan, arch, Objective.EDP);
      Space space = new Space(spec, h, df.family().space());
      Evaluator ev = new Evaluator(spec, arch, h, table(arch));
      Candidate c = new Candidate(h.size());
      for (int i = 0; i < 1000; i++) {
        if (!space.sample(rnd, c, ev)) {
          break;
        }
        for (int step = 0; step < 5; step++) {
          if (ev.evaluate(c)) {
            assertTrue(
                Objective.EDP.score(ev.energy(), ev.cycles()) >= best,
                "seed " + seed + ": " + c.toMapping(h));
          }
          space.mutate(rnd, c);
        }
      }
    }
  }

  /**
   * More hardware never makes the result worse: on random small layers whose spaces are searched
   * exhaustively, growing the array, the register files or the GLB never raises the objective (with
   * eyeriss-65nm's energies, which do not grow with a memory's size and have no leakage, a mapping
   * that fits the smaller design costs the same on the larger one). Not row-stationary: its PE set
   * must spread output rows over the columns once a factor of them fits, so a wider array can rule
   * out the smaller one's best mapping (docs/mapping.md).
   */
  @Test
  void moreHardwareNeverMakesTheResultWorse() {
    Dataflow[] monotone = {Dataflow.WS, Dataflow.OS, Dataflow.IS, Dataflow.NLR};
    for (long seed = 0; seed < 8; seed++) {
      Random rnd = new Random(seed);
      OpSpec spec =
          rnd.nextBoolean()
              ? OpSpec.fc("fc", 1 + rnd.nextInt(2), 2 + rnd.nextInt(4), 2 + rnd.nextInt(11))
              : OpSpec.conv(
                  "conv", 1, 1, 1 + rnd.nextInt(3), 1 + rnd.nextInt(2), 3, 5, 1, 3, 1, 0, 1);
      Dataflow df = monotone[rnd.nextInt(monotone.length)];
      Objective objective = Objective.values()[rnd.nextInt(3)];
      double previous = Double.POSITIVE_INFINITY;
      for (int grow = 0; grow < 3; grow++) {
        ArchSpec arch = design(1 + grow, 2, 2 << grow, 1 + grow);
        Hierarchy h = ArchHierarchy.of(arch);
        MapperOptions o = MapperOptions.of(objective).withBudget(400_000);
        LayerPlan plan = new Mapper(arch, h, table(arch), o).map(spec, df);
        assertTrue(plan.summary().contains("exhaustive"), plan.summary());
        double now = score(plan, arch, objective);
        String where = "seed " + seed + " " + spec + " " + df + " " + objective + " grow " + grow;
        assertTrue(now <= previous, where + ": " + now + " > " + previous);
        previous = now;
      }
    }
  }

  /** A small eyeriss-like design of {@code rows x cols} PEs, RF files of {@code rf} words. */
  private static ArchSpec design(int rows, int cols, int rf, int glbKiB) {
    ArchSpec e = TestArchs.eyeriss();
    return ArchSpec.builder("grown", 200, "eyeriss-65nm", new PeArraySpec(rows, cols))
        .precision(e.precision())
        .pe(
            new PeSpec(
                e.pe().mac(),
                RfSpec.perOperand(RfFileSpec.of(rf), RfFileSpec.of(rf), RfFileSpec.of(rf))))
        .noc(e.noc())
        .glb(
            GlbSpec.builder()
                .sizeKiB(glbKiB)
                .bankWidthBits(64)
                .keep(e.glb().keep())
                .doubleBuffered(false)
                .build())
        .dram(e.dram())
        .build();
  }
}
