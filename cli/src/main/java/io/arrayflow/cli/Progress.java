package io.arrayflow.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of long work on stderr, never on stdout (which may carry CSV or JSON): on a terminal a
 * bar redrawn in place, otherwise a plain line now and then. Nothing is shown for work that ends
 * within the first {@link #QUIET_MS} milliseconds, so quick commands stay silent. Thread-safe.
 */
final class Progress {
  /** Work shorter than this shows nothing. */
  static final long QUIET_MS = 2000;

  private static final long LINE_EVERY_MS = 10_000;
  private static final long BAR_EVERY_MS = 200;
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final String what;
  private final long total;
  private final boolean terminal;
  private final LongSupplier clock;
  private final long start;
  private long done;
  private long lastShown;
  private boolean shown;

  Progress(PrintWriter err, String what, long total, boolean terminal, LongSupplier clockMs) {
    this.err = err;
    this.what = what;
    this.total = total;
    this.terminal = terminal;
    this.clock = clockMs;
    this.start = clockMs.getAsLong();
    this.lastShown = start;
  }

  /** Progress of {@code total} steps of {@code what} on {@code err}; a bar if it is a terminal. */
  static Progress on(PrintWriter err, String what, long total) {
    return new Progress(err, what, total, System.console() != null, System::currentTimeMillis);
  }

  /** Records {@code n} more steps done and shows them if it is time to. */
  synchronized void advance(long n) {
    done += n;
    long now = clock.getAsLong();
    if (now - start < QUIET_MS) {
      return;
    }
    if (now - lastShown >= (terminal ? BAR_EVERY_MS : LINE_EVERY_MS) || !shown) {
      show(now);
    }
  }

  /** Shows the final count if anything was shown before (ends the bar's line). */
  synchronized void finish() {
    if (shown) {
      show(clock.getAsLong());
      if (terminal) {
        err.println();
      }
      err.flush();
    }
  }

  private void show(long now) {
    shown = true;
    lastShown = now;
    double seconds = (now - start) / 1000.0;
    String text =
        String.format(
            Locale.ROOT, "%s: %d/%d (%.0f%%) %.0f s", what, done, total, percent(), seconds);
    if (terminal) {
      int filled = (int) Math.round(BAR_WIDTH * percent() / 100);
      err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + text);
    } else {
      err.println(text);
    }
    err.flush();
  }

  private double percent() {
    return total == 0 ? 100 : 100.0 * done / total;
  }
}
