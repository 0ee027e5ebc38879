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
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import io.arrayflow.workloads.zoo.Layer;
import java.util.List;

/**
 * Runs layers of a workload on one architecture: picks the executor for the architecture's NoC kind
 * (multicast: the mapper's plan from the dataflow's family on the storage hierarchy; systolic: the
 * dataflow's fold schedule), runs it at the asked fidelity, and turns its counts into energy with
 * the architecture's table. MAC layers go to the PE array, vector layers (softmax, layernorm, GELU,
 * pooling, add) to the vector unit. Also verifies a layer at cycle fidelity against the reference
 * engine.
 */
public final class LayerRunner {
  private static final double FLOAT_TOLERANCE = 1e-4;

  private final ArchSpec arch;
  private final EnergyModel table;
  private final Hierarchy hierarchy;
  private final Mapper mapper;

  /** A runner for {@code arch} whose energy is costed with {@code table}; the mapper's defaults. */
  public LayerRunner(ArchSpec arch, EnergyModel table) {
    this(arch, table, MapperOptions.defaults());
  }

  /** A runner whose mapper searches with {@code options} (multicast NoC only). */
  public LayerRunner(ArchSpec arch, EnergyModel table, MapperOptions options) {
    this.arch = arch;
    this.table = table;
    this.hierarchy = ArchHierarchy.of(arch);
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
   * mapper's choice. A mapping that does not fit is a value: {@link LayerRun#unmapped}.
   */
  public LayerRun run(
      String workload, Layer layer, Dataflow dataflow, Fidelity fidelity, Mapping explicit) {
    if (!layer.isMac()) {
      return LayerRun.of(
          layer.name(),
          dataflow,
          vector(workload, layer.vector(), dataflow, fidelity),
          "vector unit",
          null);
    }
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
      int[] got = run.output().data();
      int[] want = Reference.run(spec, w, x).data();
      double err = got.length == want.length ? 0 : Double.POSITIVE_INFINITY;
      for (int i = 0; i < Math.min(got.length, want.length); i++) {
        err = Math.max(err, Math.abs((double) got[i] - want[i]));
      }
      return new Verification(
          spec.name(), dataflow, err == 0, err, 0, spec.macs(), run.execution().cycles(), note);
    }
    FloatTensor w = floatWeights(spec, seed);
    FloatTensor x = floatInputs(spec, seed);
    ValueRun<FloatTensor> run = cycle(spec, dataflow, plan, w, x, fault);
    float[] got = run.output().data();
    float[] want = Reference.run(spec, w, x).data();
    double scale = 0;
    for (float v : want) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tolerance = FLOAT_TOLERANCE * Math.max(scale, Float.MIN_NORMAL);
    double err = got.length == want.length ? 0 : Double.POSITIVE_INFINITY;
    for (int i = 0; i < Math.min(got.length, want.length); i++) {
      double d = Math.abs((double) got[i] - want[i]);
      err = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(err, d);
    }
    return new Verification(
        spec.name(),
        dataflow,
        err <= tolerance,
        err,
        tolerance,
        spec.macs(),
        run.execution().cycles(),
        note);
  }

  /**
   * The mapper's plan for {@code spec}, or the whole of an {@code explicit} mapping when one is
   * given (unmapped with MappingCheck's reasons if it does not fit); null on a systolic NoC, where
   * the fold schedule is the mapping (unmapped for a dataflow that has no fold schedule).
   */
  private LayerPlan plan(OpSpec spec, Dataflow dataflow, Mapping explicit) {
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

  /** Why {@code dataflow} cannot run on the systolic {@code arch}: one line for a user. */
  public static String notOnSystolic(Dataflow dataflow, String arch) {
    return dataflow.key()
        + " needs a multicast NoC; "
        + arch
        + " has noc.kind: systolic, whose fold schedules run ws, os and is";
  }

  /** Cycle fidelity on the executor of this arch's NoC ({@code plan} is null if systolic). */
  private ValueRun<IntTensor> cycle(
      OpSpec spec, Dataflow dataflow, LayerPlan plan, IntTensor w, IntTensor x, Fault fault) {
    return systolic()
        ? SystolicExecutor.cycle(spec, arch, SystolicDataflow.valueOf(dataflow.name()), w, x, fault)
        : plan.cycle(arch, hierarchy, w, x, fault);
  }

  /** Cycle fidelity on the executor of this arch's NoC ({@code plan} is null if systolic). */
  private ValueRun<FloatTensor> cycle(
      OpSpec spec, Dataflow dataflow, LayerPlan plan, FloatTensor w, FloatTensor x, Fault fault) {
    return systolic()
        ? SystolicExecutor.cycle(spec, arch, SystolicDataflow.valueOf(dataflow.name()), w, x, fault)
        : plan.cycle(arch, hierarchy, w, x, fault);
  }

  // Random operands: integers of the arch's widths, weights from seed and inputs from seed + 1.
  private IntTensor intWeights(OpSpec spec, long seed) {
    return Reference.randomWeights(spec, seed, arch.precision().weights());
  }

  private IntTensor intInputs(OpSpec spec, long seed) {
    return Reference.randomInputs(spec, seed + 1, arch.precision().inputs());
  }

  private static FloatTensor floatWeights(OpSpec spec, long seed) {
    return Reference.randomWeights(spec, seed);
  }

  private static FloatTensor floatInputs(OpSpec spec, long seed) {
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
        e.stats());
  }

  /** A vector layer on the vector unit ({@link VectorExecutor}). */
  private LayerResult vector(
      String workload, VectorOpSpec op, Dataflow dataflow, Fidelity fidelity) {
    Execution e = VectorExecutor.run(op, arch, fidelity);
    return new LayerResult(
        arch.name(),
        workload,
        op.name(),
        dataflow.key(),
        fidelity,
        0,
        e.cycles(),
        Math.min(e.cycles(), e.stats().totalStallCycles()),
        0,
        arch.latencyMs(e.cycles()),
        EnergyCost.of(e.stats(), arch, table, e.cycles()),
        e.stats());
  }
}
