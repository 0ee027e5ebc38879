package io.arrayflow.spark;

import io.arrayflow.cli.sweep.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sweep's points are dealt to Spark tasks. Every point of a sweep runs the same workloads
 * under the same dataflows, so nothing known before a point runs says how long it takes (measured
 * in docs/scale-out.md: it follows the GLB size and the mapping more than the PE count); instead of
 * a cost model, the plan leans on Spark's scheduler, which hands the next task to whichever core is
 * free, so cores stay busy until the last task and the imbalance at the end is at most one task.
 * Tasks are therefore small: one point each, up to {@code tasksPerCore} tasks per core; beyond
 * that, points are dealt round-robin (point {@code k} of the list to task {@code k mod tasks}) so
 * that neighbouring grid points, which tend to cost alike, fall into different tasks.
 */
final class TaskPlan {
  private TaskPlan() {}

  /** How many tasks {@code points} points get on {@code cores} cores. */
  static int tasks(int points, int cores, int tasksPerCore) {
    if (cores < 1 || tasksPerCore < 1) {
      throw new IllegalArgumentException(
          "cores and tasks per core must be >= 1, were " + cores + " and " + tasksPerCore);
    }
    return (int) Math.max(1, Math.min(points, (long) cores * tasksPerCore));
  }

  /** The point numbers of each of {@code tasks} tasks, dealt round-robin in list order. */
  static List<long[]> deal(List<Point> points, int tasks) {
    List<long[]> out = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      long[] mine = new long[(points.size() - t + tasks - 1) / tasks];
      for (int k = 0; k < mine.length; k++) {
        mine[k] = points.get(t + k * tasks).index();
      }
      out.add(mine);
    }
    return out;
  }
}
