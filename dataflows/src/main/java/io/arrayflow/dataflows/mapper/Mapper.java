package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapspace.FamilySpace;
import io.arrayflow.dataflows.mapspace.MappingChoice;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The mapper (docs/mapping.md, "The mapper"): for a layer and a dataflow on a multicast
 * architecture, searches the family's mapping space ({@link Dataflow#family()}) for the {@link
 * Objective} with {@link Search}, seeded with the family's fixed rule and the smallest mapping, and
 * scores candidates with the analytical model ({@link Evaluator}). A dimension that does not reduce
 * and whose size has a prime factor above 7 (GPT-2's 50,257 filters, ViT's 197 tokens, AlexNet's 13
 * output rows) cannot be tiled evenly; the mapper also tries splitting it into a bulk of the two
 * largest 7-smooth sizes at least half of it and a remainder, each part searched on its own, and
 * keeps the split when the summed parts beat the whole (their Pareto fronts are combined, so EDP of
 * the sum is minimised exactly over them). Results are cached per layer shape and dataflow: a
 * model's repeated blocks are searched once.
 */
public final class Mapper {
  private static final int[] SMOOTH_PRIMES = {2, 3, 5, 7};
  private static final Dim[] SPLIT_DIMS = {Dim.N, Dim.M, Dim.P, Dim.Q};
  private static final int SPLITS_PER_DIM = 2;

  private final ArchSpec arch;
  private final Hierarchy hierarchy;
  private final EnergyCost.Rates rates;
  private final MapperOptions options;
  private final Map<Key, Choice> cache = new HashMap<>();
  private ForkJoinPool pool;
  private final ThreadLocal<DramTermCache.Terms> dramTerms;

  private record Key(OpSpec shape, Dataflow dataflow) {}

  /** The best split (or the whole layer): parts with their mappings and what the search did. */
  private record Choice(
      List<Slice> slices,
      List<Candidate> points,
      double energy,
      long cycles,
      long valid,
      long invalid,
      boolean exhaustive,
      List<String> reasons) {}

  /** A mapper for {@code arch} (storage hierarchy {@code h}) costed with {@code table}. */
  public Mapper(ArchSpec arch, Hierarchy h, EnergyModel table, MapperOptions options) {
    this.arch = arch;
    this.hierarchy = h;
    this.rates = EnergyCost.rates(arch, table);
    this.options = options;
    this.dramTerms = ThreadLocal.withInitial(() -> DramTermCache.Terms.of(arch));
  }

  /** The options searched with. */
  public MapperOptions options() {
    return options;
  }

  /** The best plan found for {@code spec} under {@code dataflow}, or why no mapping fits. */
  public LayerPlan map(OpSpec spec, Dataflow dataflow) {
    Choice choice;
    synchronized (cache) {
      choice =
          cache.computeIfAbsent(new Key(spec.named(""), dataflow), k -> search(spec, dataflow));
    }
    if (choice.slices().isEmpty()) {
      return new LayerPlan(spec, List.of(), choice.reasons(), "");
    }
    List<LayerPlan.Part> parts = new ArrayList<>();
    for (int i = 0; i < choice.slices().size(); i++) {
      Slice slice = choice.slices().get(i);
      OpSpec part = slice == null ? spec : slice.apply(spec);
      parts.add(new LayerPlan.Part(slice, part, choice.points().get(i).toMapping(hierarchy)));
    }
    return new LayerPlan(spec, parts, List.of(), summary(choice));
  }

  private String summary(Choice c) {
    return String.format(
        Locale.ROOT,
        "mapper: %s %.4g (energy %.4g, cycles %d), %s%d candidates scored (%d fit, %d over"
            + " capacity)%s",
        options.objective().key(),
        options.objective().score(c.energy(), c.cycles()),
        c.energy(),
        c.cycles(),
        c.exhaustive() ? "exhaustive, " : "",
        c.valid() + c.invalid(),
        c.valid(),
        c.invalid(),
        c.slices().size() > 1
            ? ", split along "
                + c.slices().get(0).dim()
                + " into "
                + c.slices().get(0).length()
                + " + "
                + c.slices().get(1).length()
            : "");
  }

  private Choice search(OpSpec spec, Dataflow dataflow) {
    FamilySpace family = dataflow.family().space();
    Search.Result whole = searchOp(spec, dataflow, family, options.budget());
    long valid = whole.valid();
    long invalid = whole.invalid();
    boolean exhaustive = whole.exhaustive();
    Front front = whole.front();
    if (front.size() == 0) {
      return new Choice(
          List.of(), List.of(), 0, 0, valid, invalid, exhaustive, noFit(spec, family));
    }
    Objective objective = options.objective();
    int b = front.best(objective);
    List<Slice> slices = Collections.singletonList(null);
    List<Candidate> points = List.of(front.point(b));
    double energy = front.energy(b);
    long cycles = front.cycles(b);
    for (Dim d : SPLIT_DIMS) {
      for (int bulk : bulks(spec.size(d))) {
        Slice first = new Slice(d, 0, bulk);
        Slice rest = new Slice(d, bulk, spec.size(d) - bulk);
        Search.Result r1 = searchOp(first.apply(spec), dataflow, family, options.budget() / 2);
        Search.Result r2 = searchOp(rest.apply(spec), dataflow, family, options.budget() / 4);
        valid += r1.valid() + r2.valid();
        invalid += r1.invalid() + r2.invalid();
        exhaustive &= r1.exhaustive() && r2.exhaustive();
        Front f1 = r1.front();
        Front f2 = r2.front();
        for (int i = 0; i < f1.size(); i++) {
          for (int j = 0; j < f2.size(); j++) {
            double e = f1.energy(i) + f2.energy(j);
            long c = f1.cycles(i) + f2.cycles(j);
            if (objective.better(e, c, energy, cycles)) {
              slices = List.of(first, rest);
              points = List.of(f1.point(i), f2.point(j));
              energy = e;
              cycles = c;
            }
          }
        }
      }
    }
    return new Choice(slices, points, energy, cycles, valid, invalid, exhaustive, List.of());
  }

  /**
   * Sizes to split a dimension of {@code size} at: the largest 7-smooth numbers (no prime factor
   * above 7) from half of it up, when {@code size} itself is not 7-smooth.
   */
  static List<Integer> bulks(int size) {
    List<Integer> out = new ArrayList<>();
    if (smooth(size)) {
      return out;
    }
    for (int b = size - 1; b >= (size + 1) / 2 && out.size() < SPLITS_PER_DIM; b--) {
      if (smooth(b)) {
        out.add(b);
      }
    }
    return out;
  }

  private static boolean smooth(int n) {
    for (int p : SMOOTH_PRIMES) {
      while (n % p == 0) {
        n /= p;
      }
    }
    return n == 1;
  }

  private Search.Result searchOp(OpSpec spec, Dataflow dataflow, FamilySpace family, int budget) {
    Space space = new Space(spec, hierarchy, family);
    List<Candidate> seeds = new ArrayList<>();
    MappingChoice rule = dataflow.family().choose(spec, hierarchy);
    if (rule.found()) {
      Candidate c = Candidate.of(rule.mapping(), hierarchy);
      if (space.contains(c)) {
        seeds.add(c);
      }
    }
    Candidate smallest = new Candidate(space.levels);
    space.smallest(smallest);
    seeds.add(smallest);
    return Search.run(
        () -> new Space(spec, hierarchy, family),
        () -> new Evaluator(spec, arch, hierarchy, rates, dramTerms.get()),
        seeds,
        options.withBudget(Math.max(1, budget)),
        workers());
  }

  /** Why no member of the family's space fits: its smallest member's overflows. */
  private List<String> noFit(OpSpec spec, FamilySpace family) {
    Space space = new Space(spec, hierarchy, family);
    Candidate smallest = new Candidate(space.levels);
    space.smallest(smallest);
    List<String> out = new ArrayList<>();
    out.add(
        "no "
            + family.name()
            + " mapping of "
            + spec.name()
            + " fits: even the smallest tiles overflow (every factor at "
            + hierarchy.level(hierarchy.outermost()).name()
            + (family.wholeAtPe().isEmpty() ? "" : " but " + family.wholeAtPe() + " in the PE")
            + ", every level below it bypassed"
            + (space.inPeBits == 0
                ? ""
                : Integer.bitCount(space.inPeBits) == 1
                    ? " but one register file holding the " + inPe(space)
                    : " but the register files holding the " + inPe(space))
            + ")");
    out.addAll(MappingCheck.check(spec, hierarchy, smallest.toMapping(hierarchy)).reasons());
    return out;
  }

  private static String inPe(Space space) {
    List<String> out = new ArrayList<>();
    for (Role r : Role.values()) {
      if ((space.inPeBits & (1 << r.ordinal())) != 0) {
        out.add(r.key());
      }
    }
    return String.join(", ", out);
  }

  private Search.Workers workers() {
    if (options.threads() == 1) {
      return Search.sequential();
    }
    if (pool == null) {
      pool = new ForkJoinPool(options.threads());
    }
    ForkJoinPool p = pool;
    return new Search.Workers() {
      @Override
      public <T> List<T> map(int n, IntFunction<T> task) {
        return p.submit(() -> IntStream.range(0, n).parallel().mapToObj(task).toList()).join();
      }
    };
  }
}
