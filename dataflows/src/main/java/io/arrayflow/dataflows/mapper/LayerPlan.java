package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How one layer runs on a multicast NoC: one mapping of the whole layer, or, when the mapper split
 * it (docs/counting.md, "Split layers"), a mapping per slice, the slices run one after another on
 * the same executors. Counts, cycles and stalls of a split layer are the sums of its parts'; at
 * cycle fidelity each part computes its slice of the outputs from its slices of the operands, and
 * the outputs are assembled into the layer's tensor, which is what the reference engine checks. Or
 * no mapping, with every reason (a value, as {@code MappingChoice} is).
 */
public final class LayerPlan {
  private final OpSpec spec;
  private final List<Part> parts;
  private final List<String> reasons;
  private final String summary;

  /** One part: the whole layer ({@code slice} null) or a slice of it, as an op, and its mapping. */
  record Part(Slice slice, OpSpec spec, Mapping mapping) {}

  LayerPlan(OpSpec spec, List<Part> parts, List<String> reasons, String summary) {
    this.spec = spec;
    this.parts = List.copyOf(parts);
    this.reasons = List.copyOf(reasons);
    this.summary = summary;
    if (parts.isEmpty() == reasons.isEmpty()) {
      throw new IllegalArgumentException("a plan has parts or reasons, exactly one");
    }
  }

  /**
   * The whole of {@code spec} under {@code mapping} (an explicit mapping: nothing was searched).
   */
  public static LayerPlan of(OpSpec spec, Mapping mapping) {
    return new LayerPlan(spec, List.of(new Part(null, spec, mapping)), List.of(), "");
  }

  /** No mapping of {@code spec} fits, for {@code reasons} (at least one). */
  public static LayerPlan unmapped(OpSpec spec, List<String> reasons) {
    return new LayerPlan(spec, List.of(), reasons, "");
  }

  /** Whether a mapping was found. */
  public boolean found() {
    return !parts.isEmpty();
  }

  /** Why no mapping fits; empty when one was found. */
  public List<String> reasons() {
    return reasons;
  }

  /** What the mapper searched and found, one line; empty for an explicit mapping. */
  public String summary() {
    return summary;
  }

  /** The mappings of the parts, in the order they run. */
  public List<Mapping> mappings() {
    List<Mapping> out = new ArrayList<>();
    for (Part p : parts) {
      out.add(p.mapping());
    }
    return out;
  }

  /**
   * Per part, in the order they run, the slice it computes as {@code "M 0+48"} (dimension, offset,
   * length); empty for a plan of the whole layer.
   */
  public List<String> slices() {
    List<String> out = new ArrayList<>();
    for (Part p : parts) {
      if (p.slice() != null) {
        out.add(p.slice().dim() + " " + p.slice().offset() + "+" + p.slice().length());
      }
    }
    return out;
  }

  List<Part> parts() {
    return parts;
  }

  /** The analytical executor on every part, added up. */
  public Execution analytical(ArchSpec arch, Hierarchy h) {
    return combine(p -> MulticastExecutor.analytical(p.spec(), arch, h, p.mapping()));
  }

  /** The event executor on every part, one after another, added up. */
  public Execution event(ArchSpec arch, Hierarchy h) {
    return combine(p -> MulticastExecutor.event(p.spec(), arch, h, p.mapping()));
  }

  /**
   * The cycle executor on every part with its slices of the integer operands; outputs assembled;
   * {@code fault} (null: none) is injected into the first part.
   */
  public ValueRun<IntTensor> cycle(
      ArchSpec arch, Hierarchy h, IntTensor weights, IntTensor inputs, Fault fault) {
    int[] out = new int[(int) spec.outputElements()];
    Execution e =
        runParts(
            weights,
            inputs,
            (t, map, shape) -> IntTensor.of(gather(t.data(), map), shape),
            (p, w, x) ->
                MulticastExecutor.cycle(
                    p.spec(), arch, h, p.mapping(), w, x, p == parts.get(0) ? fault : null),
            (part, map) -> {
              int[] values = part.data();
              for (int i = 0; i < map.length; i++) {
                out[map[i]] = values[i];
              }
            });
    return new ValueRun<>(e, IntTensor.of(out, outputsShape(spec)));
  }

  /**
   * The cycle executor on every part with its slices of the float operands; outputs assembled;
   * {@code fault} (null: none) is injected into the first part.
   */
  public ValueRun<FloatTensor> cycle(
      ArchSpec arch, Hierarchy h, FloatTensor weights, FloatTensor inputs, Fault fault) {
    float[] out = new float[(int) spec.outputElements()];
    Execution e =
        runParts(
            weights,
            inputs,
            (t, map, shape) -> FloatTensor.of(gather(t.data(), map), shape),
            (p, w, x) ->
                MulticastExecutor.cycle(
                    p.spec(), arch, h, p.mapping(), w, x, p == parts.get(0) ? fault : null),
            (part, map) -> {
              float[] values = part.data();
              for (int i = 0; i < map.length; i++) {
                out[map[i]] = values[i];
              }
            });
    return new ValueRun<>(e, FloatTensor.of(out, outputsShape(spec)));
  }

  /** Takes the values at a map's indices of a tensor into a new tensor of a shape. */
  private interface Slicer<T> {
    T slice(T whole, int[] map, int[] shape);
  }

  /** Runs one part at cycle fidelity on its operands. */
  private interface PartRun<T> {
    ValueRun<T> run(Part p, T weights, T inputs);
  }

  /**
   * Runs every part on its slices of the operands ({@code weights}, {@code inputs} themselves for
   * the whole layer) and hands each part's outputs to {@code place} with where they go.
   */
  private <T> Execution runParts(
      T weights, T inputs, Slicer<T> slicer, PartRun<T> run, BiConsumer<T, int[]> place) {
    return combine(
        p -> {
          boolean whole = p.slice() == null;
          ValueRun<T> r =
              run.run(
                  p,
                  whole ? weights : slicer.slice(weights, weightsMap(p), weightsShape(p)),
                  whole ? inputs : slicer.slice(inputs, inputsMap(p), inputsShape(p)));
          place.accept(r.output(), outputsMap(p, (int) p.spec().outputElements()));
          return r.execution();
        });
  }

  private int[] weightsMap(Part p) {
    return p.slice().weightsMap(spec);
  }

  private int[] inputsMap(Part p) {
    return p.slice().inputsMap(spec);
  }

  /** Where each of a part's {@code n} outputs goes in the layer's (the identity for the whole). */
  private int[] outputsMap(Part p, int n) {
    if (p.slice() != null) {
      return p.slice().outputsMap(spec);
    }
    int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    return identity;
  }

  private static int[] weightsShape(Part p) {
    OpSpec s = p.spec();
    return new int[] {s.g(), s.m(), s.c(), s.r(), s.s()};
  }

  private static int[] inputsShape(Part p) {
    OpSpec s = p.spec();
    return new int[] {s.n(), s.g() * s.c(), s.h(), s.w()};
  }

  private static int[] outputsShape(OpSpec s) {
    return new int[] {s.n(), s.g() * s.m(), s.p(), s.q()};
  }

  /** The values of {@code src} at {@code map}'s indices; zero where the index is -1 (padding). */
  private static int[] gather(int[] src, int[] map) {
    int[] out = new int[map.length];
    for (int i = 0; i < map.length; i++) {
      out[i] = map[i] < 0 ? 0 : src[map[i]];
    }
    return out;
  }

  private static float[] gather(float[] src, int[] map) {
    float[] out = new float[map.length];
    for (int i = 0; i < map.length; i++) {
      out[i] = map[i] < 0 ? 0 : src[map[i]];
    }
    return out;
  }

  /**
   * Runs every part and adds them up: MACs, cycles and counts; the PEs of the part that uses most;
   * the mapping line names the search and each part's slice and mapping.
   */
  private Execution combine(Function<Part, Execution> run) {
    if (!found()) {
      throw new IllegalStateException("no mapping of " + spec.name() + ": " + reasons);
    }
    Execution first = null;
    long macs = 0;
    long cycles = 0;
    long pes = 0;
    Stats stats = Stats.EMPTY;
    StringBuilder line = new StringBuilder(summary);
    for (Part p : parts) {
      Execution e = run.apply(p);
      first = first == null ? e : first;
      macs += e.macs();
      cycles += e.cycles();
      pes = Math.max(pes, e.utilisedPes());
      stats = stats.plus(e.stats());
      if (line.length() > 0) {
        line.append("; ");
      }
      if (p.slice() != null) {
        line.append(p.slice().dim())
            .append(' ')
            .append(p.slice().offset())
            .append('+')
            .append(p.slice().length())
            .append(": ");
      }
      line.append(e.mapping());
    }
    if (parts.size() == 1) {
      stats = first.stats();
    }
    return new Execution(first.fidelity(), macs, cycles, pes, stats, line.toString());
  }
}
