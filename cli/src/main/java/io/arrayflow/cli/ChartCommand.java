package io.arrayflow.cli;

import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.YamlFiles;
import io.arrayflow.reports.chart.ChartData;
import io.arrayflow.reports.chart.ChartKind;
import io.arrayflow.reports.chart.ChartRenderer;
import io.arrayflow.reports.chart.Roof;
import io.arrayflow.reports.io.AtomicFiles;
import io.arrayflow.reports.io.OutputDir;
import io.arrayflow.reports.results.ResultRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow chart RESULTS.csv --kind K --out FILE.png|FILE.svg}: redraws a chart from saved
 * results (a results.csv of {@code run}, {@code compare} or {@code sweep}). The roofline needs the
 * architecture: {@code --arch} (with {@code --set}), or the manifest.json beside the CSV.
 */
@Command(
    name = "chart",
    mixinStandardHelpOptions = true,
    description = "Draw a chart (PNG or SVG) from a saved results CSV.")
final class ChartCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULTS.csv", description = "Results written by --out.")
  Path results;

  @Option(
      names = "--kind",
      required = true,
      description = "energy-breakdown, latency, dram-per-mac, pareto or roofline.")
  String kind;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The chart file: .png or .svg.")
  Path out;

  @Option(
      names = "--layer",
      description = "The layer energy-breakdown and dram-per-mac draw (default: TOTAL).")
  String layer;

  @Option(
      names = "--arch",
      description = "The architecture of the roofline (default: the manifest.json beside the CSV).")
  String arch;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override an arch field.")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() {
    ChartKind k;
    try {
      k = ChartKind.named(kind);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--kind: " + e.getMessage());
    }
    String name = out.getFileName() == null ? "" : out.getFileName().toString();
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    ext = ext.toLowerCase(Locale.ROOT);
    if (!ext.equals("png") && !ext.equals("svg")) {
      throw new ConfigException("--out: " + out + ": must end in .png or .svg");
    }
    ResultRows rows = read(results);
    Roof roof = k == ChartKind.ROOFLINE ? roof() : null;
    ChartData data;
    try {
      data = k.data(rows, new ChartKind.Options(layer, roof));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(results + ": " + e.getMessage());
    }
    try {
      AtomicFiles.write(out, ext.equals("png") ? ChartRenderer.png(data) : ChartRenderer.svg(data));
    } catch (IOException e) {
      throw new ConfigException("--out: cannot write " + out + ": " + e.getMessage());
    }
    return 0;
  }

  /** The rows of a results CSV; a missing or malformed file is bad input. */
  static ResultRows read(Path csv) {
    try {
      ResultRows rows = ResultRows.parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
      for (String c : List.of("layer", "dataflow", "macs", "cycles", "energy")) {
        if (!rows.has(c)) {
          throw new IllegalArgumentException(
              "no column '" + c + "'; expected a results.csv written by run, compare or sweep");
        }
      }
      return rows;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigException(csv + ": file not found");
    } catch (IOException e) {
      throw new ConfigException(csv + ": cannot read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(csv + ": " + e.getMessage());
    }
  }

  private Roof roof() {
    if (arch != null) {
      return Roof.of(Archs.resolve(arch, sets));
    }
    Path manifest = results.toAbsolutePath().resolveSibling(OutputDir.MARKER);
    if (!Files.isRegularFile(manifest)) {
      throw new ConfigException(
          "--kind roofline: needs the architecture: give --arch, or keep the manifest.json that"
              + " --out wrote beside "
              + results);
    }
    try {
      var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
      String yaml = tree.path("arch").path("resolved").asText("");
      if (yaml.isEmpty()) {
        throw new ConfigException(
            manifest + ": arch.resolved: missing; give the architecture with --arch");
      }
      return Roof.of(
          ArchLoader.load(
              YamlFiles.parse(yaml, manifest + " (arch.resolved)"),
              manifest + " (arch.resolved)",
              null));
    } catch (IOException e) {
      throw new ConfigException(manifest + ": cannot read: " + e.getMessage());
    }
  }
}
