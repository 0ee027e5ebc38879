package io.arrayflow.cli.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the points of a sweep somewhere: {@link LocalEngine} on a thread pool here, a Spark job in
 * the scale-out module. An engine only decides where and in what order points run; every point's
 * rows come from the same {@link PointTask}, so any engine gives the same rows.
 */
public interface SweepEngine {
  /**
   * Runs {@code task} on each of {@code points}, handing each result to {@code done} as it
   * completes ({@code done} is called by one thread at a time, in any order). Returns when every
   * point ran; throws {@link InterruptedException} if stopped first.
   */
  void run(List<Point> points, PointTask task, Consumer<PointResult> done)
      throws InterruptedException;
}
