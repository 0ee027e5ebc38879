package io.arrayflow.cli;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.run.LayerRun;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.dataflows.run.ResourceEstimate;
import io.arrayflow.reports.io.OutputDir;
import io.arrayflow.reports.manifest.Manifest;
import io.arrayflow.reports.results.ResultTables;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.reports.table.Table;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The layers of one workload run under each dataflow, as {@code run} and {@code compare} do it: the
 * per-layer rows, a TOTAL per dataflow whose every layer mapped, the layers no mapping fits, and
 * the files {@code --out} gets (results.csv, results.json, one {@code --mapping} YAML per mapped
 * layer, manifest.json).
 */
final class Runs {
  private final LayerRunner runner;
  private final Workload workload;
  private final List<Layer> layers;
  private final Mapping explicit;
  private final List<LayerRun> runs = new ArrayList<>();
  private final List<LayerResult> rows;
  private final List<LayerResult> totals = new ArrayList<>();
  private final List<String> unmapped = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();

  /**
   * Runs {@code layers} of {@code workload} under each of {@code dataflows}, on every core ({@link
   * #threads}).
   */
  Runs(
      LayerRunner runner,
      Workload workload,
      List<Layer> layers,
      List<Dataflow> dataflows,
      Fidelity fidelity,
      Mapping explicit,
      String label,
      PrintWriter err) {
    this(
        runner,
        workload,
        layers,
        dataflows,
        fidelity,
        explicit,
        label,
        err,
        threads(runner.arch(), layers, dataflows, fidelity));
  }

  /**
   * As above on {@code threads} threads: the layers are independent, so each runs on its own and
   * the results are assembled in layer order, the same whatever the thread count.
   */
  Runs(
      LayerRunner runner,
      Workload workload,
      List<Layer> layers,
      List<Dataflow> dataflows,
      Fidelity fidelity,
      Mapping explicit,
      String label,
      PrintWriter err,
      int threads) {
    this.runner = runner;
    this.workload = workload;
    this.layers = layers;
    this.explicit = explicit;
    Progress progress =
        Progress.on(err, "simulating " + workload.name(), (long) dataflows.size() * layers.size());
    List<Callable<LayerRun>> work = new ArrayList<>();
    for (Dataflow d : dataflows) {
      for (Layer l : layers) {
        work.add(
            () -> {
              LayerRun r = runner.run(workload.name(), l, d, fidelity, explicit);
              progress.advance(1);
              return r;
            });
      }
    }
    runs.addAll(inOrder(work, threads));
    progress.finish();
    List<LayerResult> complete = new ArrayList<>();
    for (LayerRun r : runs) {
      if (!r.mapped()) {
        unmapped.add(
            (explicit != null ? "--mapping: " : "")
                + "layer "
                + r.layer()
                + " ("
                + r.dataflow().key()
                + "): no mapping fits: "
                + String.join("; ", r.reasons()));
        if (!dropped.contains(r.dataflow().key())) {
          dropped.add(r.dataflow().key());
        }
      }
    }
    for (LayerRun r : runs) {
      if (r.mapped() && !dropped.contains(r.dataflow().key())) {
        complete.add(r.result());
      }
    }
    this.rows = Archs.relabel(ResultTables.withTotals(complete), label);
    for (LayerResult r : rows) {
      if (r.layer().equals("TOTAL")) {
        totals.add(r);
      }
    }
  }

  /**
   * Threads for running {@code layers}: one per core, fewer when that many of the largest layer's
   * estimated heap ({@link ResourceEstimate#heapBytes}) would not fit in the free heap.
   */
  static int threads(ArchSpec arch, List<Layer> layers, List<Dataflow> dataflows, Fidelity f) {
    long largest = 1;
    for (Dataflow d : dataflows) {
      for (Layer l : layers) {
        if (l.isMac()) {
          largest = Math.max(largest, ResourceEstimate.heapBytes(arch, l.mac(), d, f));
        }
      }
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    return (int) Math.max(1, Math.min(rt.availableProcessors(), free / largest));
  }

  /**
   * Calls {@code work} on up to {@code threads} threads and returns the results in order; the first
   * task (in order) that failed has its exception rethrown as it was thrown.
   */
  static <T> List<T> inOrder(List<Callable<T>> work, int threads) {
    List<T> out = new ArrayList<>();
    if (threads <= 1 || work.size() <= 1) {
      for (Callable<T> c : work) {
        out.add(call(c));
      }
      return out;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, work.size()),
            r -> {
              Thread t = new Thread(r, "arrayflow-layer");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> c : work) {
        futures.add(pool.submit(c));
      }
      for (Future<T> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw rethrown(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while running layers", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T call(Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw rethrown(e);
    }
  }

  private static RuntimeException rethrown(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  /** The per-layer rows of the dataflows whose every layer mapped, each followed by its TOTAL. */
  List<LayerResult> rows() {
    return rows;
  }

  /** The TOTAL row of each dataflow whose every layer mapped. */
  List<LayerResult> totals() {
    return totals;
  }

  /** Prints why layers did not map; the exit status: 2 if any did not, else 0. */
  int reportUnmapped(PrintWriter err) {
    for (String u : unmapped) {
      err.println("error: " + u);
    }
    if (dropped.isEmpty()) {
      return 0;
    }
    err.println(
        "error: dataflows left out because some layer could not be mapped: "
            + String.join(", ", dropped));
    return Main.EXIT_BAD_INPUT;
  }

  /**
   * Writes results.csv, results.json, the mappings and {@code manifest} into {@code dir}, and with
   * {@code phases} (null: none) phases.csv and phases.json; {@code target} is the options that name
   * the arch and workload, for the rerun line of each mapping.
   */
  void write(OutputDir dir, Manifest manifest, String target, Phases phases) throws IOException {
    dir.writeString("results.csv", ReportFormat.CSV.render(ResultTables.full(rows)));
    dir.writeString("results.json", ReportFormat.JSON.render(ResultTables.full(rows)));
    List<String> files = new ArrayList<>(List.of("results.csv", "results.json"));
    List<LayerResult> phaseRows = phases == null ? List.of() : phases.rows(rows);
    if (!phaseRows.isEmpty()) {
      Table t = ResultTables.full(phaseRows, phases.extra());
      dir.writeString("phases.csv", ReportFormat.CSV.render(t));
      dir.writeString("phases.json", ReportFormat.JSON.render(t));
      files.addAll(List.of("phases.csv", "phases.json"));
    }
    for (LayerRun r : runs) {
      if (r.plan() == null) {
        continue;
      }
      Layer layer = layer(r.layer());
      String what =
          String.format(
              Locale.ROOT,
              "%s mapping of layer %s of %s on %s (%s)",
              r.dataflow().key(),
              r.layer(),
              workload.name(),
              runner.arch().name(),
              LayersCommand.dims(layer.mac()));
      String chosen = r.plan().summary().isEmpty() ? "given by --mapping" : r.plan().summary();
      String base = "mappings/" + r.dataflow().key() + "/" + fileName(r.layer());
      List<Mapping> mappings = r.plan().mappings();
      List<String> slices = r.plan().slices();
      for (int i = 0; i < mappings.size(); i++) {
        List<String> header = new ArrayList<>(List.of(what, "chosen: " + chosen));
        String file;
        if (slices.isEmpty()) {
          file = base + ".yaml";
          header.add(
              "rerun: arrayflow run "
                  + target
                  + " --layer "
                  + r.layer()
                  + " --dataflow "
                  + r.dataflow().key()
                  + " --mapping "
                  + file);
        } else {
          file = base + ".part" + (i + 1) + ".yaml";
          header.add(
              "part "
                  + (i + 1)
                  + " of "
                  + mappings.size()
                  + ": the slice "
                  + slices.get(i)
                  + " of the layer (docs/mapping.md, \"Splitting a layer\"); --mapping maps a"
                  + " whole layer, so this file records the plan and does not rerun it");
        }
        dir.writeString(file, MappingYaml.of(mappings.get(i), runner.hierarchy(), header));
        files.add(file);
      }
    }
    files.add(OutputDir.MARKER);
    manifest.put("files", files);
    dir.writeString(OutputDir.MARKER, manifest.toJson());
  }

  private Layer layer(String name) {
    for (Layer l : layers) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    throw new IllegalStateException("no layer " + name);
  }

  /**
   * A layer name as a file name: characters other than letters, digits, '.', '-', '_' become '_'.
   */
  static String fileName(String layer) {
    return layer.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
