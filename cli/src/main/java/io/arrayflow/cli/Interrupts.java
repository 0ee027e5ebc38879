package io.arrayflow.cli;

import io.arrayflow.reports.io.OutputDir;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens on SIGINT or SIGTERM (the JVM runs its shutdown hooks): result sets being written
 * are dropped, so the target stays as it was, and each registered clean-up runs (a sweep closes its
 * journal and says how to resume). Installed once by {@link Main#main}; in-process callers of
 * {@link Main#run} (tests) have no hook.
 */
final class Interrupts {
  private static final List<Runnable> ON_STOP = new ArrayList<>();
  private static volatile boolean installed;

  private Interrupts() {}

  /** Installs the shutdown hook. */
  static synchronized void install() {
    if (!installed) {
      installed = true;
      Runtime.getRuntime().addShutdownHook(new Thread(Interrupts::stop, "arrayflow-interrupt"));
    }
  }

  /** Runs {@code action} if the process is stopped before {@link #remove} is called with it. */
  static synchronized void add(Runnable action) {
    ON_STOP.add(action);
  }

  /** Forgets {@code action}: the work it guarded finished. */
  static synchronized void remove(Runnable action) {
    ON_STOP.remove(action);
  }

  /**
   * Runs {@code work}; if the process is stopped meanwhile, says "interrupted: WHAT stopped before
   * it finished; nothing was written".
   */
  static <T> T during(String what, java.util.concurrent.Callable<T> work) throws Exception {
    Runnable say =
        () ->
            System.err.println(
                "interrupted: " + what + " stopped before it finished; nothing was written");
    add(say);
    try {
      return work.call();
    } finally {
      remove(say);
    }
  }

  private static void stop() {
    List<Runnable> actions;
    synchronized (Interrupts.class) {
      actions = new ArrayList<>(ON_STOP);
      ON_STOP.clear();
    }
    // Result sets being written are dropped first; each registered action then says what stopped.
    if (OutputDir.abortOpen() > 0 && actions.isEmpty()) {
      System.err.println("interrupted: no results written; the --out directory is as it was");
    }
    for (Runnable r : actions) {
      r.run();
    }
    System.err.flush();
  }
}
