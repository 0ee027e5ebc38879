package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the arrayflow command line. Exit codes: 0 success, 2 bad input (the message names
 * the file, the YAML path and what is allowed; no stack trace), 1 internal error.
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
      ChartCommand.class
    })
public final class Main implements Runnable {
  /** Exit status for bad input. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit status for an internal error. */
  public static final int EXIT_INTERNAL = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    Interrupts.install();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
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
          err.println("internal error: " + ex);
          ex.printStackTrace(err);
          return EXIT_INTERNAL;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + ex.getMessage());
          err.println("Try 'arrayflow " + commandPath(ex.getCommandLine()) + "--help'.");
          return EXIT_BAD_INPUT;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
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
