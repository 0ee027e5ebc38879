package io.arrayflow.dataflows.run;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapper.LayerPlan;
import io.arrayflow.dataflows.mapper.Mapper;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
import io.arrayflow.dataflows.systolic.SystolicDataflow;
import io.arrayflow.dataflows.systolic.SystolicExecutor;
import io.arrayflow.dataflows.vector.VectorExecutor;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.sim.result.EnergyBreakdown;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Datatype;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import io.arrayflow.workloads.zoo.Layer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs layers of a workload on one architecture: picks the executor for the architecture's NoC kind
 * (multicast: the mapper's plan from the dataflow's family on the storage hierarchy; systolic: the
 * dataflow's fold schedule), runs it at the asked fidelity, and turns its counts into energy with
 * the architecture's table. MAC layers go to the PE array, vector layers (softmax, the norms, GELU,
 * SwiGLU, rope, pooling, add) to the vector unit with their traffic ({@link VectorExecutor}). A
 * decoder's attention matmuls read the KV cache from where it lives ({@link KvCachePlacement}), and
 * a causal one skips the query blocks' tiles above the diagonal when that is faster ({@link
 * CausalBlocks}). Also verifies a layer at cycle fidelity against the reference engine.
 */
public final class LayerRunner {
  private static final double FLOAT_TOLERANCE = 1e-4;

  private final ArchSpec arch;
  private final EnergyModel table;
  private final Hierarchy hierarchy;
  private final MapperOptions options;
  private final Mapper mapper;
  private LayerRunner toggled;
  // Layers of one workload run on several threads (cli's Runs): each distinct layer is simulated
  // once, by the first thread to ask; the others wait for its result.
  private final ConcurrentHashMap<Memo, FutureTask<LayerRun>> memo = new ConcurrentHashMap<>();

  /** What decides a layer's run apart from its name: decode steps repeat most layers. */
  private record Memo(String workload, Layer layer, boolean fused, Dataflow d, Fidelity f) {}

  /** A runner for {@code arch} whose energy is costed with {@code table}; the mapper's defaults. */
  public LayerRunner(ArchSpec arch, EnergyModel table) {
    this(arch, table, MapperOptions.defaults());
  }

  /** A runner whose mapper searches with {@code options} (multicast NoC only). */
  public LayerRunner(ArchSpec arch, EnergyModel table, MapperOptions options) {
    this.arch = arch;
    this.table = table;
    this.hierarchy = ArchHierarchy.of(arch);
    this.options = options;
    this.mapper = new Mapper(arch, hierarchy, table, options);
  }

  /** The architecture. */
  public ArchSpec arch() {
    return arch;
  }

  /** The storage hierarchy mappings on this architecture name their levels from. */
  public Hierarchy hierarchy() {
    return hierarchy;
  }

  /** Whether the architecture's NoC is systolic (explicit mappings apply to multicast only). */
  public boolean systolic() {
    return arch.noc().kind() == NocKind.SYSTOLIC;
  }

  /**
   * Runs {@code layer} of {@code workload} with {@code dataflow} at {@code fidelity}; with a
   * non-null {@code explicit} mapping (multicast NoC only) that mapping runs instead of the
   * mapper's choice. A mapping that does not fit is a value: {@link LayerRun#unmapped}. A vector
   * layer runs on the vector unit; a matmul reading a KV cache on this arch or its variant that
   * keeps the cache where {@link KvCachePlacement} puts it; a causal one whole or in query blocks.
   */
  public LayerRun run(
      String workload, Layer layer, Dataflow dataflow, Fidelity fidelity, Mapping explicit) {
    return run(workload, layer, dataflow, fidelity, explicit, true);
  }

  /**
   * As {@link #run} without an explicit mapping, but simulated even if a like layer ran before (the
   * mapper's searches are still reused): what a benchmark times.
   */
  public LayerRun runAgain(String workload, Layer layer, Dataflow dataflow, Fidelity fidelity) {
    return run(workload, layer, dataflow, fidelity, null, false);
  }

  private LayerRun run(
      String workload,
      Layer layer,
      Dataflow dataflow,
      Fidelity fidelity,
      Mapping explicit,
      boolean remembered) {
    LayerRun r;
    if (explicit != null || !remembered) {
      r = simulate(workload, layer, dataflow, fidelity, explicit);
    } else {
      // A layer like one run before (same op, traits and dataflow; any name) runs the same.
      Memo key =
          new Memo(
              workload, layer.named("layer").fusedInto(null), layer.fused(), dataflow, fidelity);
      FutureTask<LayerRun> task =
          new FutureTask<>(() -> simulate(workload, layer, dataflow, fidelity, null));
      FutureTask<LayerRun> first = memo.putIfAbsent(key, task);
      if (first == null) {
        task.run();
        first = task;
      }
      r = result(first).renamed(layer.name());
    }
    return layer.fused() ? r.withNote("fused into " + layer.fusedInto()) : r;
  }

  private LayerRun simulate(
      String workload, Layer layer, Dataflow dataflow, Fidelity fidelity, Mapping explicit) {
    if (!layer.isMac()) {
      VectorOpSpec op = layer.vector();
      Execution e = VectorExecutor.run(op, arch, fidelity, layer.fused());
      return LayerRun.of(
          layer.name(),
          dataflow,
          vectorResult(workload, op.name(), dataflow, e),
          e.mapping(),
          null);
    }
    if (layer.kvCacheElements() > 0) {
      KvCachePlacement kv = KvCachePlacement.of(arch, layer.kvCacheElements());
      return on(kv).masked(workload, layer, dataflow, fidelity, explicit).withNote(kv.note());
    }
    return masked(workload, layer, dataflow, fidelity, explicit);
  }

  /** A MAC layer, whole, or in query blocks if it has a causal mask ({@link CausalBlocks#run}). */
  private LayerRun masked(
      String workload, Layer layer, Dataflow dataflow, Fidelity fidelity, Mapping explicit) {
    return layer.causal() == null || explicit != null
        ? runMac(workload, layer, dataflow, fidelity, explicit)
        : CausalBlocks.run(this, workload, layer, dataflow, fidelity);
  }

  /** The run {@code task} computed, or what it threw, rethrown as it was thrown. */
  private static LayerRun result(FutureTask<LayerRun> task) {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a layer's run", e);
    }
  }

  /** The runner whose arch keeps the KV cache where {@code kv} says: this one or its variant. */
  private synchronized LayerRunner on(KvCachePlacement kv) {
    ArchSpec a = kv.arch(arch);
    if (a == arch) {
      return this;
    }
    if (toggled == null) {
      toggled = new LayerRunner(a, table, options);
    }
    return toggled;
  }

  /** A MAC layer as one op on the executor of this arch's NoC. */
  LayerRun runMac(
      String workload, Layer layer, Dataflow dataflow, Fidelity fidelity, Mapping explicit) {
    OpSpec spec = layer.mac();
    if (systolic() && explicit != null) {
      throw new IllegalArgumentException(
          "an explicit mapping applies to a multicast NoC; " + arch.name() + " is systolic");
    }
    LayerPlan plan = plan(spec, dataflow, explicit);
    if (plan != null && !plan.found()) {
      return LayerRun.unmapped(layer.name(), dataflow, plan.reasons());
    }
    SystolicDataflow folds = systolic() ? SystolicDataflow.valueOf(dataflow.name()) : null;
    Execution e =
        switch (fidelity) {
          case ANALYTICAL ->
              systolic()
                  ? SystolicExecutor.analytical(spec, arch, folds)
                  : plan.analytical(arch, hierarchy);
          case EVENT ->
              systolic() ? SystolicExecutor.event(spec, arch, folds) : plan.event(arch, hierarchy);
          case CYCLE ->
              arch.datatype() == Datatype.INT
                  ? cycle(spec, dataflow, plan, intWeights(spec, 1), intInputs(spec, 1), null)
                      .execution()
                  : cycle(spec, dataflow, plan, floatWeights(spec, 1), floatInputs(spec, 1), null)
                      .execution();
        };
    return LayerRun.of(
        layer.name(), dataflow, result(workload, layer.name(), dataflow, e), e.mapping(), plan);
  }

  /**
   * Runs {@code spec} at cycle fidelity with random operands drawn from {@code seed} (integers of
   * the architecture's weight and input widths, or floats) and compares the outputs with {@link
   * Reference#run}. Unmapped layers return the reasons as a failed verification's note.
   */
  public Verification verify(OpSpec spec, Dataflow dataflow, long seed, String note) {
    return verify(spec, dataflow, seed, note, null);
  }

  /**
   * As {@link #verify(OpSpec, Dataflow, long, String)} with {@code fault} (null: none) injected
   * into the PE array, to show that a wrong value fails verification.
   */
  public Verification verify(OpSpec spec, Dataflow dataflow, long seed, String note, Fault fault) {
    LayerPlan plan = plan(spec, dataflow, null);
    if (plan != null && !plan.found()) {
      return new Verification(
          spec.name(),
          dataflow,
          false,
          Double.NaN,
          0,
          spec.macs(),
          0,
          systolic()
              ? String.join("; ", plan.reasons())
              : "no " + dataflow.key() + " mapping fits: " + String.join("; ", plan.reasons()));
    }
    if (arch.datatype() == Datatype.INT) {
      IntTensor w = intWeights(spec, seed);
      IntTensor x = intInputs(spec, seed);
      ValueRun<IntTensor> run = cycle(spec, dataflow, plan, w, x, fault);
      return verdict(
          spec.name(),
          dataflow,
          doubles(run.output().data()),
          doubles(Reference.run(spec, w, x).data()),
          true,
          i -> true,
          spec.macs(),
          run.execution().cycles(),
          note);
    }
    FloatTensor w = floatWeights(spec, seed);
    FloatTensor x = floatInputs(spec, seed);
    ValueRun<FloatTensor> run = cycle(spec, dataflow, plan, w, x, fault);
    return verdict(
        spec.name(),
        dataflow,
        doubles(run.output().data()),
        doubles(Reference.run(spec, w, x).data()),
        false,
        i -> true,
        spec.macs(),
        run.execution().cycles(),
        note);
  }

  /**
   * The mapper's plan for {@code spec}, or the whole of an {@code explicit} mapping when one is
   * given (unmapped with MappingCheck's reasons if it does not fit); null on a systolic NoC, where
   * the fold schedule is the mapping (unmapped for a dataflow that has no fold schedule).
   */
  LayerPlan plan(OpSpec spec, Dataflow dataflow, Mapping explicit) {
    if (systolic() && !dataflow.runsOnSystolic()) {
      return LayerPlan.unmapped(spec, List.of(notOnSystolic(dataflow, arch.name())));
    }
    if (systolic()) {
      return null;
    }
    if (explicit == null) {
      return mapper.map(spec, dataflow);
    }
    MappingResult check = MappingCheck.check(spec, hierarchy, explicit);
    return check.isFeasible()
        ? LayerPlan.of(spec, explicit)
        : LayerPlan.unmapped(spec, check.reasons());
  }

  /**
   * Verifies {@code layer} at cycle fidelity with random values from {@code seed}: a vector layer
   * on the vector unit's float32 datapath against the reference engine's vector op (pooling has no
   * value model: refused); a causal matmul of more than one query block as those blocks, their
   * outputs assembled into the layer's and the ones a causal model uses compared (A·V's masked
   * probabilities drawn as zeros, as a softmax leaves them); any other MAC layer as {@link
   * #verify(OpSpec, Dataflow, long, String)}. A matmul reading a KV cache runs on the arch that
   * keeps the cache where it lives.
   */
  public Verification verify(Layer layer, Dataflow dataflow, long seed, String note) {
    if (!layer.isMac()) {
      VectorOpSpec op = layer.vector();
      if (op.kind().pooling()) {
        throw new IllegalArgumentException(
            "layer '"
                + op.name()
                + "': pooling has no value model (its window is not in its spec)");
      }
      List<FloatTensor> in = Reference.randomInputs(op, seed);
      FloatTensor tab = Reference.ropeTable(op);
      ValueRun<FloatTensor> run = VectorExecutor.cycle(op, arch, layer.fused(), in, tab);
      return verdict(
          op.name(),
          dataflow,
          doubles(run.output().data()),
          doubles(Reference.run(op, in, tab).data()),
          false,
          i -> true,
          0,
          run.execution().cycles(),
          note);
    }
    LayerRunner on =
        layer.kvCacheElements() > 0 ? on(KvCachePlacement.of(arch, layer.kvCacheElements())) : this;
    if (layer.causal() != null && (!systolic() || dataflow.runsOnSystolic())) {
      CausalBlocks blocks = new CausalBlocks(layer, arch, dataflow);
      if (blocks.blocks > 1) {
        return blocks.verify(on, dataflow, seed, note);
      }
    }
    return on.verify(layer.mac(), dataflow, seed, note);
  }

  /**
   * The verdict on {@code got} against {@code want} over the indices {@code compared} keeps: equal
   * for integers ({@code exact}), within {@code 1e-4} of the largest compared reference magnitude
   * for floats; a length mismatch or NaN fails.
   */
  static Verification verdict(
      String layer,
      Dataflow dataflow,
      double[] got,
      double[] want,
      boolean exact,
      java.util.function.IntPredicate compared,
      long macs,
      long cycles,
      String note) {
    double scale = 0;
    double err = got.length == want.length ? 0 : Double.POSITIVE_INFINITY;
    for (int i = 0; i < Math.min(got.length, want.length); i++) {
      if (compared.test(i)) {
        scale = Math.max(scale, Math.abs(want[i]));
        double d = Math.abs(got[i] - want[i]);
        err = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(err, d);
      }
    }
    double tolerance = exact ? 0 : FLOAT_TOLERANCE * Math.max(scale, Float.MIN_NORMAL);
    return new Verification(layer, dataflow, err <= tolerance, err, tolerance, macs, cycles, note);
  }

  static double[] doubles(int[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** Why {@code dataflow} cannot run on the systolic {@code arch}: one line for a user. */
  public static String notOnSystolic(Dataflow dataflow, String arch) {
    return dataflow.key()
        + " needs a multicast NoC; "
        + arch
        + " has noc.kind: systolic, whose fold schedules run ws, os and is";
  }

  /** Cycle fidelity on the executor of this arch's NoC ({@code plan} is null if systolic). */
  ValueRun<IntTensor> cycle(
      OpSpec spec, Dataflow dataflow, LayerPlan plan, IntTensor w, IntTensor x, Fault fault) {
    return systolic()
        ? SystolicExecutor.cycle(spec, arch, SystolicDataflow.valueOf(dataflow.name()), w, x, fault)
        : plan.cycle(arch, hierarchy, w, x, fault);
  }

  /** Cycle fidelity on the executor of this arch's NoC ({@code plan} is null if systolic). */
  ValueRun<FloatTensor> cycle(
      OpSpec spec, Dataflow dataflow, LayerPlan plan, FloatTensor w, FloatTensor x, Fault fault) {
    return systolic()
        ? SystolicExecutor.cycle(spec, arch, SystolicDataflow.valueOf(dataflow.name()), w, x, fault)
        : plan.cycle(arch, hierarchy, w, x, fault);
  }

  // Random operands: integers of the arch's widths, weights from seed and inputs from seed + 1.
  IntTensor intWeights(OpSpec spec, long seed) {
    return Reference.randomWeights(spec, seed, arch.precision().weights());
  }

  IntTensor intInputs(OpSpec spec, long seed) {
    return Reference.randomInputs(spec, seed + 1, arch.precision().inputs());
  }

  static FloatTensor floatWeights(OpSpec spec, long seed) {
    return Reference.randomWeights(spec, seed);
  }

  static FloatTensor floatInputs(OpSpec spec, long seed) {
    return Reference.randomInputs(spec, seed + 1);
  }

  private LayerResult result(String workload, String layer, Dataflow dataflow, Execution e) {
    EnergyBreakdown energy = EnergyCost.of(e.stats(), arch, table, e.cycles());
    long peCycles = e.cycles() * (long) arch.peArray().peCount();
    double utilization = peCycles == 0 ? 0 : Math.min(1, e.macs() / (double) peCycles);
    return new LayerResult(
        arch.name(),
        workload,
        layer,
        dataflow.key(),
        e.fidelity(),
        e.macs(),
        e.cycles(),
        Math.min(e.cycles(), e.stats().totalStallCycles()),
        utilization,
        arch.latencyMs(e.cycles()),
        energy,
        withDramBytes(e.stats(), "pe-array"));
  }

  /** A vector layer's result ({@link VectorExecutor}). */
  private LayerResult vectorResult(String workload, String layer, Dataflow dataflow, Execution e) {
    return new LayerResult(
        arch.name(),
        workload,
        layer,
        dataflow.key(),
        e.fidelity(),
        0,
        e.cycles(),
        Math.min(e.cycles(), e.stats().totalStallCycles()),
        0,
        arch.latencyMs(e.cycles()),
        EnergyCost.of(e.stats(), arch, table, e.cycles()),
        withDramBytes(e.stats(), "vector-unit"));
  }

  /**
   * {@code stats} with {@link Metric#DRAM_BYTES}: each operand's off-chip reads and writes at its
   * width, the finished outputs among the output writes at {@code precision.final_outputs}. ({@code
   * component} is the executor's, whose busy cycles this adds nothing to.)
   */
  private Stats withDramBytes(Stats stats, String component) {
    long bits = 0;
    for (Operand op : Operand.values()) {
      long values = stats.reads(Level.DRAM, op) + stats.writes(Level.DRAM, op);
      bits += values * arch.precision().bits(op);
    }
    long finals = stats.metric(Metric.FINAL_OUTPUT_WRITES);
    bits -= finals * (arch.precision().outputs() - arch.precision().finalOutputs());
    Counters c = new Counters(component);
    c.add(Metric.DRAM_BYTES, (bits + 7) / 8);
    return stats.plus(c.snapshot());
  }
}
