package io.arrayflow.dataflows.mapper;

import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.YamlFiles;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mapper's speed (docs/mapping.md, "Speed"): {@code evaluate} scores one candidate exactly
 * (counts, analytical cycles and energy) and {@code bound} scores it with the DRAM fill at its
 * least, as the search does first; both on a pool of {@value #POOL} random members of the layer's
 * space as the search draws them, so their rate is candidates per second on one core. {@code map}
 * is the whole search of one layer (all threads). {@code executor} is what the evaluator replaces,
 * the analytical executor and the energy model on the same pool: the ratio of the two rates,
 * measured in one run, is the evaluator's speed-up. It lives in the mapper's package to reach its
 * package-private evaluator: a split package, fine on the class path JMH runs on.
 *
 * <pre>
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar MapperBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MapperBenchmark {
  static final int POOL = 1024;

  /** A layer of a zoo workload as {@code workload/layer}. */
  @Param({"alexnet/conv1", "alexnet/conv3", "resnet50/layer3.0.conv2"})
  public String layer;

  @Param({"eyeriss"})
  public String arch;

  @Param({"ws", "os", "is"})
  public String dataflow;

  private Evaluator evaluator;
  private Candidate[] pool;
  private Mapping[] mappings;
  private Mapper mapper;
  private ArchSpec spec;
  private Hierarchy hierarchy;
  private EnergyModel table;
  private OpSpec op;
  private Dataflow df;

  /** Builds the evaluator and a pool of feasible members drawn as the search draws them. */
  @Setup(Level.Trial)
  public void setUp() {
    spec = builtInArch(arch);
    hierarchy = ArchHierarchy.of(spec);
    table = EnergyTables.named(spec.energyTable());
    op = layer(layer);
    df = Dataflow.named(dataflow);
    evaluator = new Evaluator(op, spec, hierarchy, table);
    pool = pool(op, hierarchy, df, evaluator, new Random(1));
    mappings = new Mapping[POOL];
    for (int i = 0; i < POOL; i++) {
      mappings[i] = pool[i].toMapping(hierarchy);
    }
  }

  /** A fresh mapper per iteration, so that its cache of searched layers starts empty. */
  @Setup(Level.Iteration)
  public void freshMapper() {
    mapper = new Mapper(spec, hierarchy, table, MapperOptions.defaults());
  }

  /** A built-in architecture, loaded from configs/ as the CLI loads it. */
  static ArchSpec builtInArch(String name) {
    String path = "/configs/arch/" + name + ".yaml";
    try (InputStream in = MapperBenchmark.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no built-in arch " + name);
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ArchLoader.load(YamlFiles.parse(yaml, name), name, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpSpec layer(String workloadSlashLayer) {
    String[] parts = workloadSlashLayer.split("/", 2);
    for (Layer l : ModelZoo.named(parts[0], 1, 128).layers()) {
      if (l.name().equals(parts[1])) {
        return l.mac();
      }
    }
    throw new IllegalArgumentException("no MAC layer " + workloadSlashLayer);
  }

  /** {@link #POOL} feasible members: random samples, each followed by a few neighbours. */
  static Candidate[] pool(OpSpec op, Hierarchy h, Dataflow df, Evaluator ev, Random rnd) {
    Space space = new Space(op, h, df.family().space());
    Candidate[] out = new Candidate[POOL];
    Candidate c = new Candidate(h.size());
    int n = 0;
    while (n < POOL) {
      if (!space.sample(rnd, c, ev)) {
        throw new IllegalStateException("nothing fits " + op);
      }
      for (int step = 0; step < 8 && n < POOL; step++) {
        if (ev.evaluate(c)) {
          out[n++] = c.copy();
        }
        space.mutate(rnd, c);
      }
    }
    return out;
  }

  /** Exact scores per second on one core. */
  @Benchmark
  @OperationsPerInvocation(POOL)
  public double evaluate() {
    double sum = 0;
    for (Candidate c : pool) {
      if (evaluator.evaluate(c)) {
        sum += evaluator.energy() + evaluator.cycles();
      }
    }
    return sum;
  }

  /** Lower-bound scores per second on one core (the search's first look at a candidate). */
  @Benchmark
  @OperationsPerInvocation(POOL)
  public double bound() {
    double sum = 0;
    for (Candidate c : pool) {
      if (evaluator.bound(c)) {
        sum += evaluator.energy() + evaluator.cycles();
      }
    }
    return sum;
  }

  /**
   * What the evaluator replaces, for the ratio: the analytical executor and the energy model on the
   * same pool, one mapping at a time.
   */
  @Benchmark
  @OperationsPerInvocation(POOL)
  public double executor() {
    double sum = 0;
    for (Mapping m : mappings) {
      Execution e = MulticastExecutor.analytical(op, spec, hierarchy, m);
      sum += EnergyCost.of(e.stats(), spec, table, e.cycles()).total() + e.cycles();
    }
    return sum;
  }

  /** One layer searched with the default options (every core), from an empty cache. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public LayerPlan map() {
    return mapper.map(op, df);
  }
}
