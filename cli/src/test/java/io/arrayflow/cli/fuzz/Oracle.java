package io.arrayflow.cli.fuzz;

import io.arrayflow.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs one command line in this JVM, bounded in time, and judges how it ended. Acceptable: exit 2
 * with every line of stderr a one-line {@code error: } message (no stack trace, no internal error,
 * no late out-of-memory); or exit 0 with output whose numbers are sane — no negative or non-finite
 * count, stalls within cycles, utilization within 1, each TOTAL the sum of its layers; or, for
 * {@code verify}, exit 3 only for layers no mapping fits. Anything else is a finding, returned as a
 * one-line reason.
 */
final class Oracle {
  private static final Pattern PROGRESS = Pattern.compile("[^\\t]+: \\d+/\\d+ \\(\\d+%\\) \\d+ s");

  /** How a case ended: the exit code and the reason it is wrong, null if it is fine. */
  record Verdict(int code, String problem, String firstError) {}

  /** Columns of the reports that hold text; every other column must be a sane number. */
  private static final Set<String> TEXT_COLUMNS =
      Set.of(
          "arch",
          "workload",
          "layer",
          "dataflow",
          "fidelity",
          "energy_unit",
          "stalled_by",
          "type",
          "dims",
          "result",
          "note");

  private static ExecutorService pool = newPool();

  private Oracle() {}

  private static ExecutorService newPool() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "fuzz-case");
          t.setDaemon(true);
          return t;
        });
  }

  /** Runs {@code args} through {@link Main#run}, giving up after {@code seconds}. */
  static Verdict run(List<String> args, long seconds) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Future<Integer> f =
        pool.submit(
            () ->
                Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err)));
    int code;
    try {
      code = f.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      // The stuck thread cannot be stopped; give the next cases a fresh one.
      pool = newPool();
      return new Verdict(-1, "did not finish within " + seconds + " s", null);
    } catch (ExecutionException e) {
      return new Verdict(-1, "threw " + e.getCause(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Verdict(-1, "interrupted", null);
    }
    return judge(args.get(0), code, out.toString(), err.toString());
  }

  /** The verdict on a finished run of {@code command}. */
  static Verdict judge(String command, int code, String out, String err) {
    List<String> errors = new ArrayList<>();
    for (String line : err.split("\n")) {
      if (!line.isBlank()) {
        errors.add(line);
      }
    }
    String first = errors.isEmpty() ? null : errors.get(0);
    for (String line : errors) {
      // Besides errors, stderr carries the progress lines of work longer than two seconds.
      boolean ok =
          line.startsWith("error: ")
              || line.startsWith("Try 'arrayflow")
              || PROGRESS.matcher(line).matches();
      if (!ok || line.contains("out of memory")) {
        return new Verdict(code, "stderr line is not a one-line error: " + line, first);
      }
    }
    String problem =
        switch (code) {
          case 0 -> sane(command, out);
          case 2 -> errors.isEmpty() ? "exit 2 without a message" : null;
          case 3 -> command.equals("verify") ? onlyUnmapped(out) : "exit 3 from " + command;
          default -> "exit " + code;
        };
    return new Verdict(code, problem, first);
  }

  /** Exit 3 is a bug unless every FAIL row failed because no mapping fits. */
  private static String onlyUnmapped(String csv) {
    for (Map<String, String> row : rows(csv)) {
      if ("FAIL".equals(row.get("result")) && !row.get("note").contains("mapping fits")) {
        return "verify FAIL on values: " + row;
      }
    }
    return null;
  }

  /** Null if the CSV of a successful run is sane, else what is wrong with it. */
  static String sane(String command, String csv) {
    List<Map<String, String>> rows = rows(csv);
    if (command.equals("verify") || command.equals("show")) {
      return null;
    }
    if (rows.isEmpty()) {
      return "exit 0 without rows";
    }
    Map<String, double[]> sums = new HashMap<>();
    for (Map<String, String> row : rows) {
      for (Map.Entry<String, String> e : row.entrySet()) {
        if (TEXT_COLUMNS.contains(e.getKey()) || e.getValue().isEmpty()) {
          continue;
        }
        double d;
        try {
          d = Double.parseDouble(e.getValue());
        } catch (NumberFormatException x) {
          return e.getKey() + " is not a number in row " + row;
        }
        if (!Double.isFinite(d) || d < 0) {
          return e.getKey() + " = " + e.getValue() + " in row " + row;
        }
      }
      double cycles = num(row, "cycles");
      if (num(row, "stall_cycles") > cycles) {
        return "stall_cycles > cycles in row " + row;
      }
      if (num(row, "utilization") > 1 + 1e-9) {
        return "utilization > 1 in row " + row;
      }
      if (command.equals("run") && num(row, "macs") > 0 && cycles < 1) {
        return "MACs in 0 cycles in row " + row;
      }
      double[] sum = sums.computeIfAbsent(row.getOrDefault("dataflow", ""), k -> new double[2]);
      if (row.get("layer").equals("TOTAL")) {
        if (!close(sum[0], num(row, "macs")) || !close(sum[1], cycles)) {
          return "TOTAL is not the sum of its layers: " + row;
        }
      } else {
        sum[0] += num(row, "macs");
        sum[1] += cycles;
      }
    }
    return null;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  }

  private static double num(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null || v.isEmpty() ? 0 : Double.parseDouble(v);
  }

  /** The records of a CSV with a header; fields hold no commas in these reports' numbers. */
  private static List<Map<String, String>> rows(String csv) {
    List<Map<String, String>> out = new ArrayList<>();
    String[] lines = csv.split("\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      return out;
    }
    String[] header = lines[0].split(",", -1);
    for (int i = 1; i < lines.length; i++) {
      List<String> cells = cells(lines[i]);
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < header.length && c < cells.size(); c++) {
        row.put(header[c], cells.get(c));
      }
      out.add(row);
    }
    return out;
  }

  /** One CSV line's cells, honouring double quotes. */
  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return out;
  }
}
