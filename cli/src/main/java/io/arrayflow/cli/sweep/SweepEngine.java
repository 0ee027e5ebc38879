package io.arrayflow.cli.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the points of a sweep somewhere: {@link LocalEngine} on a thread pool here, a Spark job in
 * the {@code sweep-spark} module. An engine only decides where and in what order points run; every
 * point's rows come from the same {@link PointTask}, so any engine gives the same rows.
 */
public interface SweepEngine {
  /**
   * Runs {@code task} on each of {@code points}, handing each result to {@code done} as it
   * completes ({@code done} is called by one thread at a time, in any order, once per point).
   * Returns when every point ran; throws {@link InterruptedException} if stopped first.
   */
  void run(List<Point> points, PointTask task, Consumer<PointResult> done)
      throws InterruptedException;

  /**
   * An engine that a module on the class path adds, found with {@link java.util.ServiceLoader}:
   * {@code arrayflow sweep --engine NAME --master URL} opens it.
   */
  interface Provider {
    /** The name {@code --engine} gives it. */
    String name();

    /** An engine on {@code master} (null: the engine's default, such as {@code local[*]}). */
    SweepEngine open(String master);
  }
}
