package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.dataflows.run.ResourceEstimate;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of the arrayflow command line. Exit codes: 0 success, 2 bad input (the message names
 * the file, the YAML path and what is allowed; no stack trace), 1 internal error (a bug: one line
 * saying so, the stack trace only with {@code --debug}), 3 verification failed ({@code verify}).
 */
@Command(
    name = "arrayflow",
    mixinStandardHelpOptions = true,
    version = "arrayflow 0.1.0",
    description = "A cycle-level simulator of deep-learning accelerators.",
    subcommands = {
      LayersCommand.class,
      RunCommand.class,
      CompareCommand.class,
      VerifyCommand.class,
      ListCommand.class,
      ShowCommand.class,
      SweepCommand.class,
      ChartCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {
  /** Exit status for bad input. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit status for an internal error. */
  public static final int EXIT_INTERNAL = 1;

  /** Exit status of {@code verify} when some layer's outputs differ from the reference engine's. */
  public static final int EXIT_VERIFY_FAILED = 3;

  private static final String DEBUG = "--debug";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = DEBUG,
      scope = ScopeType.INHERIT,
      description = "On an internal error, print its stack trace.")
  boolean debug;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    Interrupts.install();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = List.of(args).contains(DEBUG);
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          if (ex instanceof ConfigException ce) {
            for (String p : ce.problems()) {
              err.println("error: " + p);
            }
            return EXIT_BAD_INPUT;
          }
          if (ex instanceof ArithmeticException) {
            // Checked arithmetic in the models (counts, the DRAM clocks' ticks) only overflows for
            // inputs far beyond what the size limits let through, so it is the input's size.
            err.println(
                "error: this run's counts or cycles exceed 64-bit arithmetic ("
                    + oneLine(ex.getMessage())
                    + "); run a smaller workload or architecture");
            if (debug) {
              ex.printStackTrace(err);
            }
            return EXIT_BAD_INPUT;
          }
          return internalError(ex, debug, err);
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + oneLine(ex.getMessage()));
          err.println("Try 'arrayflow " + commandPath(ex.getCommandLine()) + "--help'.");
          return EXIT_BAD_INPUT;
        });
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      code = outOfMemory(e, debug, err);
    }
    out.flush();
    err.flush();
    return code;
  }

  /** One line saying it is arrayflow's fault, the trace only under {@code --debug}. */
  static int internalError(Throwable ex, boolean debug, PrintWriter err) {
    err.println(
        "internal error (a bug in arrayflow; please report it): "
            + oneLine(ex.toString())
            + (debug ? "" : " [rerun with --debug for the stack trace]"));
    if (debug) {
      ex.printStackTrace(err);
    }
    return EXIT_INTERNAL;
  }

  /**
   * The heap ran out although the up-front estimate let the run start: say how large the heap is
   * and how to make it larger (bad input for this machine, exit 2).
   */
  static int outOfMemory(OutOfMemoryError e, boolean debug, PrintWriter err) {
    err.println(
        "error: out of memory: this run needs more than the "
            + ResourceEstimate.describeBytes(Runtime.getRuntime().maxMemory())
            + " of heap Java may use here; raise it with ARRAYFLOW_JAVA_OPTS=-Xmx<size> (e.g."
            + " -Xmx16g), or run a smaller workload or a lower --fidelity");
    if (debug) {
      e.printStackTrace(err);
    }
    return EXIT_BAD_INPUT;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replace("\r\n", "; ").replace("\n", "; ");
  }

  private static String commandPath(CommandLine cl) {
    String q = cl.getCommandSpec().qualifiedName(" ");
    String sub = q.startsWith("arrayflow") ? q.substring("arrayflow".length()).trim() : q;
    return sub.isEmpty() ? "" : sub + " ";
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
