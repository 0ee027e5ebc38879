package io.arrayflow.cli;

import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Node;
import io.arrayflow.cli.config.Overrides;
import io.arrayflow.cli.sweep.Axes;
import io.arrayflow.cli.sweep.Expansion;
import io.arrayflow.cli.sweep.Journal;
import io.arrayflow.cli.sweep.LocalEngine;
import io.arrayflow.cli.sweep.Point;
import io.arrayflow.cli.sweep.PointResult;
import io.arrayflow.cli.sweep.PointTask;
import io.arrayflow.cli.sweep.SweepEngine;
import io.arrayflow.cli.sweep.SweepInputs;
import io.arrayflow.cli.sweep.SweepSpec;
import io.arrayflow.cli.sweep.SweepSummary;
import io.arrayflow.reports.io.OutputDir;
import io.arrayflow.reports.manifest.Manifest;
import io.arrayflow.reports.results.ResultRows;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.workloads.zoo.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow sweep SWEEP.yaml --out DIR}: runs every point of a design-space sweep on a local
 * thread pool (or on Spark, {@code --engine spark}, when the {@code sweep-spark} module is on the
 * class path), journaling each finished point beside DIR (in {@code .DIR.partial/}) so that a
 * killed sweep resumes with {@code --resume}; at the end writes results.csv, layers.csv,
 * summary.md, the charts and manifest.json into DIR as one transaction, rows sorted by point.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Run a design-space sweep from YAML (docs/sweeps.md).")
final class SweepCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SWEEP",
      description = "A built-in sweep (arrayflow list sweeps) or a sweep YAML file.")
  String sweep;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where results.csv, layers.csv, summary.md, charts/ and manifest.json go.")
  String out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Points run in parallel (default: the number of processors).")
  Integer threads;

  /** Where points run: a closed set; {@code spark} needs its module on the class path. */
  enum Engine {
    local,
    spark
  }

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "Where points run: local (a thread pool, the default) or spark (docs/scale-out.md).")
  Engine engine = Engine.local;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "With --engine spark: local[*] (the default), local[N] or spark://HOST:PORT, as"
              + " spark-submit takes it.")
  String master;

  @Option(
      names = "--resume",
      description = "Continue an interrupted sweep into the same DIR: finished points are kept.")
  boolean resume;

  @Override
  public Integer call() throws IOException {
    Path target = ResultOutput.check("--out", out).toAbsolutePath().normalize();
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new ConfigException("--threads: must be >= 1, was " + n);
    }
    SweepEngine runner = engine(n);
    SweepInputs inputs = SweepFiles.read(sweep);
    PointTask task = inputs.task();
    SweepSpec s = task.spec();
    SweepInputs.Doc src = inputs.sweep();
    Catalog.Source arch =
        new Catalog.Source(
            inputs.arch().displayName(), inputs.arch().root(), inputs.arch().baseDirPath());
    checkAxes(s, arch, src.displayName());
    Expansion x = Expansion.of(s, arch.root());
    String id = Manifest.sha256(identity(s, arch, task.workloads()));
    PrintWriter err = spec.commandLine().getErr();
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    if (Files.exists(partial) && !resume) {
      throw new ConfigException(
          "--out: an interrupted sweep is waiting in "
              + partial
              + "; add --resume to finish it, or delete that folder to start over");
    }
    if (resume && !Files.exists(partial) && Files.exists(target.resolve(OutputDir.MARKER))) {
      err.println("sweep " + s.name() + ": nothing to resume, " + target + " is complete");
      return 0;
    }
    Files.createDirectories(partial);
    Journal journal = Journal.open(partial.resolve("journal.jsonl"), id);
    if (journal == null) {
      throw new ConfigException(
          "--resume: the interrupted sweep in "
              + partial
              + " ran a different sweep file, architecture, workload or arrayflow version; delete"
              + " that folder to start over");
    }
    Map<Long, PointResult> done = journal.done();
    List<Point> todo = new ArrayList<>();
    for (Point p : x.points()) {
      if (!done.containsKey(p.index())) {
        todo.add(p);
      }
    }
    if (resume && !done.isEmpty()) {
      err.printf(
          "sweep %s: resuming, %d of %d points done%n", s.name(), done.size(), x.points().size());
    }
    Runnable onStop =
        () -> {
          try {
            journal.close();
          } catch (IOException e) {
            // The process is stopping; what was forced to disk is what resume sees.
          }
          System.err.printf(
              "interrupted: sweep %s stopped with %d of %d points saved in %s; run the same"
                  + " command with --resume to finish it%n",
              s.name(), journal.done().size(), x.points().size(), partial);
        };
    Interrupts.add(onStop);
    Progress progress = Progress.on(err, "sweep " + s.name() + " points", todo.size());
    try {
      runner.run(
          todo,
          task,
          r -> {
            try {
              journal.append(r);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            progress.advance(1);
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } finally {
      progress.finish();
    }
    Map<Long, PointResult> all = journal.done();
    journal.close();
    String results = csv(PointTask.columns(s), all, x, true);
    String layers = csv(PointTask.columns(s), all, x, false);
    ResultRows rows = ResultRows.parseCsv(results);
    String summary = SweepSummary.markdown(s, x, rows);
    ResultOutput.write(
        "--out",
        target,
        err,
        dir -> {
          dir.writeString("results.csv", results);
          dir.writeString("layers.csv", layers);
          dir.writeString("summary.md", summary);
          List<String> files = new ArrayList<>(List.of("results.csv", "layers.csv", "summary.md"));
          files.addAll(ChartFiles.sweep(dir, rows));
          files.add(OutputDir.MARKER);
          dir.writeString(OutputDir.MARKER, manifest(s, src, arch, x, id, n, files).toJson());
        });
    // Until the result set is in place, a stop still leaves a resumable journal: say so.
    Interrupts.remove(onStop);
    OutputDir.deleteTree(partial);
    spec.commandLine().getOut().print(summary);
    return 0;
  }

  private Manifest manifest(
      SweepSpec s,
      SweepInputs.Doc src,
      Catalog.Source arch,
      Expansion x,
      String id,
      int n,
      List<String> files) {
    Map<String, Object> sweepInfo = new LinkedHashMap<>();
    sweepInfo.put("name", s.name());
    sweepInfo.put("source", src.displayName());
    sweepInfo.put("sha256", Manifest.sha256(s.text()));
    sweepInfo.put("inputs_sha256", id);
    sweepInfo.put("grid_points", x.gridSize());
    sweepInfo.put("points_run", x.points().size());
    sweepInfo.put("points_skipped", x.skipped());
    // The base arch as loaded (each point's overrides are its axis columns).
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("source", arch.displayName());
    String yaml =
        io.arrayflow.cli.config.ArchWriter.toYaml(
            ArchLoader.load(Overrides.copy(arch.root()), arch.displayName(), arch.baseDir()));
    base.put("sha256", Manifest.sha256(yaml));
    base.put("resolved", yaml);
    return Manifests.start(spec)
        .put("sweep", sweepInfo)
        .put("arch", base)
        .put("seed", s.sampling().grid() ? null : s.sampling().seed())
        .put("engine", engine.name())
        .put(engine == Engine.local ? "threads" : "master", engine == Engine.local ? n : master)
        .put("files", files);
  }

  /** The engine {@code --engine} names; {@code --threads} is the local engine's alone. */
  private SweepEngine engine(int n) {
    if (engine == Engine.local) {
      if (master != null) {
        throw new ConfigException("--master: only with --engine spark, was " + master);
      }
      return new LocalEngine(n);
    }
    if (threads != null) {
      throw new ConfigException(
          "--threads: only with --engine local; with spark the master sets the cores (local[N])");
    }
    for (SweepEngine.Provider p : ServiceLoader.load(SweepEngine.Provider.class)) {
      if (p.name().equals(engine.name())) {
        return p.open(master);
      }
    }
    throw new ConfigException(
        "--engine: spark is not on the class path; run ./arrayflow from a checkout (it builds"
            + " sweep-spark) or spark-submit the arrayflow-spark jar (docs/scale-out.md)");
  }

  /**
   * What a resume must find unchanged: arrayflow's version, the sweep file, the base arch's
   * document and every workload's layers. A journal of other inputs is refused.
   */
  private static String identity(SweepSpec s, Catalog.Source arch, List<Workload> workloads) {
    StringBuilder b = new StringBuilder(BuildInfo.version()).append('\n').append(s.text());
    b.append('\n').append(Axes.text(arch.root()));
    for (Workload w : workloads) {
      b.append('\n').append(ReportFormat.CSV.render(LayersCommand.table(w)));
    }
    return b.toString();
  }

  /**
   * Fails at load time, naming the axis, when an axis path is not a key of the architecture: the
   * base arch with that axis at its first value must not meet an unknown-key error about it.
   */
  private static void checkAxes(SweepSpec s, Catalog.Source arch, String file) {
    List<String> problems = new ArrayList<>();
    for (SweepSpec.Axis a : s.axes()) {
      Node copy = Overrides.copy(arch.root());
      try {
        Overrides.apply(copy, a.path(), a.values().get(0), "axes." + a.path());
        ArchLoader.load(copy, arch.displayName(), arch.baseDir());
      } catch (ConfigException e) {
        for (String p : e.problems()) {
          if (p.contains(a.path() + ": unknown key") || p.contains("axes." + a.path() + ":")) {
            problems.add(file + ": axes." + a.path() + ": not a key of the architecture: " + p);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** A final CSV: the header, then each point's lines in point order. */
  private static String csv(
      List<String> columns, Map<Long, PointResult> all, Expansion x, boolean results) {
    StringBuilder b = new StringBuilder();
    b.append(
        ReportFormat.CSV.render(io.arrayflow.reports.table.Table.withColumns(columns).build()));
    for (Point p : x.points()) {
      PointResult r = all.get(p.index());
      for (String line : results ? r.results() : r.layers()) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }
}
