package io.arrayflow.spark;

import io.arrayflow.cli.sweep.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sweep's points are dealt to Spark tasks. Every point of a sweep runs the same workloads
 * under the same dataflows, yet points differ in cost by an order of magnitude (0.2 to 3.3 s within
 * one built-in sweep, docs/scale-out.md) in ways nothing cheap predicts; so instead of a cost model
 * the plan leans on Spark's scheduler, which hands the next task to whichever core is free: with
 * small tasks the cores stay busy until the end, which is late by at most one task. Tasks are one
 * point each up to {@code tasksPerCore} tasks per core; beyond that, points are dealt round-robin
 * (point {@code k} of the list to task {@code k mod tasks}) so that neighbouring grid points, which
 * tend to cost alike, fall into different tasks.
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
