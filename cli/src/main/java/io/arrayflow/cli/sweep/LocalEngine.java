package io.arrayflow.cli.sweep;

import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The default engine: a fixed pool of {@code threads} daemon threads, results handed over on the
 * calling thread as they complete. Daemon threads, so that an interrupted sweep's JVM can exit
 * while a point is still running (its result is simply not journaled).
 */
public final class LocalEngine implements SweepEngine {
  private final int threads;

  /** An engine with {@code threads} worker threads ({@code >= 1}). */
  public LocalEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.threads = threads;
  }

  @Override
  public void run(List<Point> points, PointTask task, Consumer<PointResult> done)
      throws InterruptedException {
    ThreadFactory daemons =
        r -> {
          Thread t = new Thread(r, "sweep-worker");
          t.setDaemon(true);
          return t;
        };
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemons);
    try {
      CompletionService<PointResult> cs = new ExecutorCompletionService<>(pool);
      for (Point p : points) {
        cs.submit(() -> task.run(p));
      }
      for (int i = 0; i < points.size(); i++) {
        try {
          done.accept(cs.take().get());
        } catch (ExecutionException e) {
          // PointTask turns failures into rows; anything else is a broken invariant.
          throw new IllegalStateException("a sweep point failed outside its task", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
