package io.arrayflow.cli;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.run.LayerRun;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulator's speed (docs/performance.md), the JMH twin of {@code arrayflow bench}: {@code
 * cycle} runs one layer at cycle fidelity and counts its MACs and PE-cycles (every PE of the array
 * each cycle, idle ones too) as {@link Work} counters, which JMH reports per second; {@code event}
 * and {@code analytical} run every MAC layer of a workload under WS, OS and IS with the mapper's
 * choices cached and count layers; {@code compare} is the whole {@code arrayflow compare} in this
 * JVM, all cores. Lives in the CLI's package to reach its loaders of built-in configs.
 *
 * <pre>
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar SimulationBenchmark.cycle
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SimulationBenchmark {
  /** A layer of a zoo workload as {@code workload/layer} ({@code cycle}). */
  @Param({"resnet18/layer1.0.conv1"})
  public String layer;

  @Param({"eyeriss", "systolic-32", "tpu-v1"})
  public String arch;

  /** The workload {@code event}, {@code analytical} and {@code compare} run whole. */
  @Param({"resnet50"})
  public String network;

  private LayerRunner runner;
  private Workload one;
  private Workload whole;
  private long pes;

  /** The work an invocation did, reported by JMH per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Work {
    /** MACs simulated. */
    public long macs;

    /** PE-cycles simulated: cycles × the array's PEs. */
    public long peCycles;

    /** Layers run. */
    public long layers;

    /** Clears the counters before each iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      macs = 0;
      peCycles = 0;
      layers = 0;
    }
  }

  /** Loads the architecture and workloads; searches every mapping once (the mapper caches). */
  @Setup(Level.Trial)
  public void setUp() {
    ArchSpec a = Archs.resolve(arch, List.of());
    runner = new LayerRunner(a, EnergyTables.named(a.energyTable()));
    pes = (long) a.peArray().rows() * a.peArray().cols();
    String[] parts = layer.split("/", 2);
    Layer l =
        Workloads.resolve(parts[0]).layers().stream()
            .filter(x -> x.name().equals(parts[1]))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no layer " + layer));
    one = new Workload(parts[0], List.of(l));
    whole = Workloads.resolve(network);
    all(whole, Fidelity.ANALYTICAL, new Work());
  }

  /** One layer at cycle fidelity under WS. */
  @Benchmark
  public void cycle(Work w) {
    Layer l = one.layers().get(0);
    long cycles = run(one, l, Dataflow.WS, Fidelity.CYCLE).result().cycles();
    w.macs += l.mac().macs();
    w.peCycles += cycles * pes;
    w.layers++;
  }

  /** Every MAC layer of {@link #network} under WS, OS and IS at event fidelity. */
  @Benchmark
  public void event(Work w) {
    all(whole, Fidelity.EVENT, w);
  }

  /** Every MAC layer of {@link #network} under WS, OS and IS at analytical fidelity. */
  @Benchmark
  public void analytical(Work w) {
    all(whole, Fidelity.ANALYTICAL, w);
  }

  /** {@code arrayflow compare} of {@link #network} at event fidelity, output discarded. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public int compare() {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    return Main.run(
        new String[] {"compare", "--arch", arch, "--workload", network, "--fidelity", "event"},
        sink,
        sink);
  }

  private void all(Workload wl, Fidelity f, Work w) {
    for (Dataflow d : List.of(Dataflow.WS, Dataflow.OS, Dataflow.IS)) {
      for (Layer l : wl.layers()) {
        if (l.isMac()) {
          w.macs += run(wl, l, d, f).result().macs();
          w.layers++;
        }
      }
    }
  }

  private LayerRun run(Workload wl, Layer l, Dataflow d, Fidelity f) {
    LayerRun r = runner.runAgain(wl.name(), l, d, f);
    if (!r.mapped()) {
      throw new IllegalStateException("no mapping fits " + l.name() + " " + d.key());
    }
    return r;
  }
}
