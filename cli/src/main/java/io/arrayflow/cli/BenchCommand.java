package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapper.Mapper;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.run.LayerRun;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.reports.chart.ChartData;
import io.arrayflow.reports.chart.ChartData.Panel;
import io.arrayflow.reports.chart.ChartData.Point;
import io.arrayflow.reports.chart.ChartData.Series;
import io.arrayflow.reports.chart.ChartData.Shape;
import io.arrayflow.reports.io.OutputDir;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.reports.table.Table;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow bench}: speed figures for this machine (docs/performance.md), each the median,
 * least and most over repetitions after a warm-up run, with the heap's peak during them. Rates "per
 * core" divide by the calling thread's CPU time, so that other work on a shared machine slows them
 * less than the wall clock would; whole-search and whole-network figures are wall times, all
 * threads. {@code --scaling DIR} also times single layers over three orders of magnitude of MACs
 * and whole mapper searches, into a CSV and two charts. JMH benchmarks of the same cases live in
 * the benchmarks module.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Speed figures for this machine: cycle-fidelity MACs/s and PE-cycles/s, event and"
            + " analytical layers/s, mapper time per layer, whole-network compare time and peak"
            + " heap; median, min and max over repetitions.")
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--quick",
      description =
          "A smoke run: small cases, one repetition, no warm-up. Its figures are not measurements.")
  boolean quick;

  @Option(
      names = "--reps",
      paramLabel = "N",
      defaultValue = "3",
      description = "Timed repetitions per figure, after one warm-up (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(
      names = "--scaling",
      paramLabel = "DIR",
      description =
          "Also time layers from 10^5 to 10^8 MACs (cycle and event) and mapper searches into"
              + " DIR: scaling.csv, scaling-macs.png and scaling-mapper.png.")
  String scaling;

  @Mixin FormatOption format;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Pattern SCORED = Pattern.compile("(\\d+) candidates scored");

  private final List<Object[]> rows = new ArrayList<>();
  private PrintWriter err;

  @Override
  public Integer call() {
    if (reps < 1) {
      throw new ConfigException("--reps: must be >= 1, was " + reps);
    }
    ReportFormat fmt = format.get();
    Path scalingDir = ResultOutput.check("--scaling", scaling);
    err = spec.commandLine().getErr();
    int n = quick ? 1 : reps;
    // Dense convolutions of 116 M MACs (ResNet-18's layer1 3×3 convs), or 226 k in a smoke run.
    String convWorkload = quick ? "verify-small" : "resnet18";
    String conv = quick ? "conv" : "layer1.0.conv1";
    cycle("eyeriss", convWorkload, conv, n);
    cycle("systolic-32", convWorkload, conv, n);
    cycle("tpu-v1", convWorkload, conv, n);
    String network = quick ? "verify-small" : "resnet50";
    layers("eyeriss", network, Fidelity.EVENT, n);
    layers("eyeriss", network, Fidelity.ANALYTICAL, n);
    mapper("eyeriss", quick ? "verify-small" : "alexnet", n);
    compare("eyeriss", network, Fidelity.EVENT, n);
    compare("eyeriss", quick ? "verify-small" : "alexnet", Fidelity.CYCLE, n);
    Table.Builder t =
        Table.withColumns(
            "figure", "unit", "median", "min", "max", "reps", "peak_heap_mib", "case", "target");
    rows.forEach(t::row);
    spec.commandLine().getOut().print(fmt.render(t.build()));
    if (scalingDir != null) {
      Scaling s = scaling(quick);
      ResultOutput.write(
          "--scaling",
          scalingDir,
          err,
          dir -> {
            dir.writeString("scaling.csv", ReportFormat.CSV.render(s.table()));
            List<String> files = new ArrayList<>(List.of("scaling.csv"));
            files.addAll(ChartFiles.write(dir, "", s.macs()));
            files.addAll(ChartFiles.write(dir, "", s.mapper()));
            files.add(OutputDir.MARKER);
            dir.writeString(OutputDir.MARKER, Manifests.start(spec).put("files", files).toJson());
          });
    }
    return 0;
  }

  /** Cycle fidelity on one layer under WS: MACs and PE-cycles per CPU second. */
  private void cycle(String archName, String workload, String layerName, int n) {
    LayerRunner runner = runner(archName);
    Workload w = Workloads.resolve(workload);
    Layer layer = layer(w, layerName);
    ArchSpec arch = runner.arch();
    long pes = (long) arch.peArray().rows() * arch.peArray().cols();
    long[] cycles = new long[1];
    Samples s =
        time(
            n,
            true,
            () -> cycles[0] = run(runner, w, layer, Dataflow.WS, Fidelity.CYCLE).result().cycles());
    String what = archName + " " + workload + "/" + layerName + " ws";
    String target = ">= 300 M/s per core on dense conv";
    s.rate("cycle MACs/s per core", "M MACs/s", layer.mac().macs() / 1e6, what, target);
    s.rate("cycle PE-cycles/s per core", "M PE-cycles/s", cycles[0] * pes / 1e6, what, "");
  }

  /** Every MAC layer of a workload under WS, OS and IS at one fidelity, mappings searched first. */
  private void layers(String archName, String workload, Fidelity f, int n) {
    LayerRunner runner = runner(archName);
    Workload w = Workloads.resolve(workload);
    List<Layer> macs = w.layers().stream().filter(Layer::isMac).toList();
    Runnable all =
        () -> {
          for (Dataflow d : List.of(Dataflow.WS, Dataflow.OS, Dataflow.IS)) {
            for (Layer l : macs) {
              run(runner, w, l, d, f);
            }
          }
        };
    all.run(); // the mapper's searches, cached by the runner, are not what this times
    Samples s = time(n, true, all);
    s.rate(
        f.key() + " layers/s per core",
        "layers/s",
        3.0 * macs.size(),
        archName + " " + workload + " ws,os,is (mappings cached)",
        "");
  }

  /** Whole searches of every MAC layer of a workload under WS, each from an empty cache. */
  private void mapper(String archName, String workload, int n) {
    LayerRunner runner = runner(archName);
    List<Layer> macs = Workloads.resolve(workload).layers().stream().filter(Layer::isMac).toList();
    Samples s =
        time(
            n,
            false,
            () -> {
              Mapper m = fresh(runner, MapperOptions.defaults());
              for (Layer l : macs) {
                m.map(l.mac(), Dataflow.WS);
              }
            });
    s.time(
        "mapper time per layer",
        "ms",
        1e3 / macs.size(),
        archName + " " + workload + " ws, every core",
        "");
  }

  /** {@code arrayflow compare} of a whole workload, in this JVM, its output discarded. */
  private void compare(String archName, String workload, Fidelity f, int n) {
    String[] args = {"compare", "--arch", archName, "--workload", workload, "--fidelity", f.key()};
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Samples s =
        time(
            n,
            false,
            () -> {
              if (Main.run(args, sink, sink) != 0) {
                throw new IllegalStateException("bench: " + String.join(" ", args) + " failed");
              }
            });
    s.time(
        "compare wall time",
        "s",
        1,
        archName + " " + workload + " " + f.key() + ", every core",
        f == Fidelity.CYCLE ? "< 300 s for every arch x zoo workload" : "");
  }

  /** The times of {@code n} runs of {@code work} after a warm-up (none in a smoke run). */
  private Samples time(int n, boolean cpu, Runnable work) {
    if (!quick) {
      work.run();
    }
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    double[] seconds = new double[n];
    for (int i = 0; i < n; i++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      work.run();
      seconds[i] = (cpu ? THREADS.getCurrentThreadCpuTime() - c0 : System.nanoTime() - w0) / 1e9;
    }
    // The pools peak at different moments, so their sum bounds the heap's peak from above.
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Samples(seconds, peak / (1024.0 * 1024.0));
  }

  /** One figure's repetitions: seconds each, and the heap's peak over them (MiB). */
  private final class Samples {
    private final double[] seconds;
    private final double peakMib;

    Samples(double[] seconds, double peakMib) {
      this.seconds = seconds;
      this.peakMib = peakMib;
    }

    /** A row of {@code amount / seconds}. */
    void rate(String figure, String unit, double amount, String what, String target) {
      add(figure, unit, s -> amount / s, what, target);
    }

    /** A row of {@code seconds × scale}. */
    void time(String figure, String unit, double scale, String what, String target) {
      add(figure, unit, s -> s * scale, what, target);
    }

    private void add(
        String figure, String unit, ToDoubleFunction<Double> f, String what, String target) {
      double[] v = Arrays.stream(seconds).map(f::applyAsDouble).sorted().toArray();
      rows.add(
          new Object[] {
            figure,
            unit,
            round(v[v.length / 2]),
            round(v[0]),
            round(v[v.length - 1]),
            (long) v.length,
            round(peakMib),
            what,
            target
          });
      err.printf(Locale.ROOT, "bench: %s %s %s (%s)%n", figure, round(v[v.length / 2]), unit, what);
    }
  }

  /** Three significant digits: more would claim a precision repetitions do not have. */
  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3g", v));
  }

  // --- scaling -----------------------------------------------------------------------------

  /** The scaling table and its two charts. */
  record Scaling(Table table, ChartData macs, ChartData mapper) {}

  /**
   * Single layers on eyeriss under WS, one CPU-timed run each after the mapper's search: cycle and
   * event fidelity against MACs. Then whole searches (wall time) against the candidates they
   * scored: each layer's default search, and one layer searched with budgets a decade apart and
   * patience as large as the budget, so that patience does not end it early.
   */
  private Scaling scaling(boolean small) {
    LayerRunner runner = runner("eyeriss");
    List<Layer> spread = new ArrayList<>();
    for (String wl : small ? List.of("verify-small") : List.of("verify-small", "resnet18")) {
      Workloads.resolve(wl).layers().stream().filter(Layer::isMac).forEach(spread::add);
    }
    Table.Builder t =
        Table.withColumns("series", "workload_layer", "macs", "candidates", "seconds");
    List<Point> cycle = new ArrayList<>();
    List<Point> event = new ArrayList<>();
    List<Point> layers = new ArrayList<>();
    List<Point> budgets = new ArrayList<>();
    for (Layer l : spread) {
      Workload w = new Workload("scaling", List.of(l));
      long macs = l.mac().macs();
      search(runner, l, MapperOptions.defaults(), t, "mapper", layers);
      for (Fidelity f : List.of(Fidelity.EVENT, Fidelity.CYCLE)) {
        run(runner, w, l, Dataflow.WS, f); // warm-up, and the search
        long c0 = THREADS.getCurrentThreadCpuTime();
        run(runner, w, l, Dataflow.WS, f);
        double s = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
        t.row(f.key(), l.name(), macs, 0L, s);
        (f == Fidelity.CYCLE ? cycle : event).add(Point.at(macs, s, ""));
      }
    }
    Layer swept = small ? spread.get(0) : layer(Workloads.resolve("resnet18"), "layer1.0.conv1");
    MapperOptions d = MapperOptions.defaults();
    for (int budget = 100; budget <= (small ? 1_000 : 100_000); budget *= 10) {
      MapperOptions o = new MapperOptions(d.objective(), budget, budget, d.seed(), d.threads());
      search(runner, swept, o, t, "mapper-budget", budgets);
    }
    ChartData macsChart =
        new ChartData(
            "scaling-macs",
            Shape.LOG_SCATTER,
            "Time per layer against its MACs, eyeriss, WS (one core)",
            "MACs",
            "CPU seconds",
            List.of(
                new Panel(
                    "",
                    List.of(
                        new Series("cycle", false, cycle), new Series("event", false, event)))));
    ChartData mapperChart =
        new ChartData(
            "scaling-mapper",
            Shape.LOG_SCATTER,
            "Mapper search time against candidates scored, eyeriss, WS (every core)",
            "candidates scored",
            "wall seconds",
            List.of(
                new Panel(
                    "",
                    List.of(
                        new Series("each layer, default budget", false, layers),
                        new Series(
                            "budgets 100 to 100000, patience = budget, " + swept.name(),
                            false,
                            budgets)))));
    return new Scaling(t.build(), macsChart, mapperChart);
  }

  /** One search of {@code l} under WS from an empty cache: a row and a point. */
  private static void search(
      LayerRunner runner,
      Layer l,
      MapperOptions o,
      Table.Builder t,
      String series,
      List<Point> to) {
    Mapper m = fresh(runner, o);
    long w0 = System.nanoTime();
    String summary = m.map(l.mac(), Dataflow.WS).summary();
    double s = (System.nanoTime() - w0) / 1e9;
    Matcher scored = SCORED.matcher(summary);
    long n = scored.find() ? Long.parseLong(scored.group(1)) : 0;
    t.row(series, l.name(), l.mac().macs(), n, s);
    to.add(Point.at(n, s, ""));
  }

  // --- helpers -----------------------------------------------------------------------------

  private static LayerRunner runner(String archName) {
    ArchSpec arch = Archs.resolve(archName, List.of());
    return new LayerRunner(arch, EnergyTables.named(arch.energyTable()));
  }

  /** A mapper with an empty cache of searched layers. */
  private static Mapper fresh(LayerRunner runner, MapperOptions o) {
    ArchSpec arch = runner.arch();
    return new Mapper(arch, runner.hierarchy(), EnergyTables.named(arch.energyTable()), o);
  }

  private static Layer layer(Workload w, String name) {
    return w.layers().stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no layer " + name + " in " + w.name()));
  }

  private static LayerRun run(LayerRunner r, Workload w, Layer l, Dataflow d, Fidelity f) {
    LayerRun run = r.runAgain(w.name(), l, d, f);
    if (!run.mapped()) {
      throw new IllegalStateException("bench: no mapping fits " + l.name() + " " + d.key());
    }
    return run;
  }
}
