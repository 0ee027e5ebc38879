package io.arrayflow.spark;

import io.arrayflow.cli.SweepFiles;
import io.arrayflow.cli.sweep.Expansion;
import io.arrayflow.cli.sweep.Point;
import io.arrayflow.cli.sweep.PointTask;
import io.arrayflow.cli.sweep.SweepInputs;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The measurement behind {@link TaskPlan} (docs/scale-out.md), not a test: times every point of a
 * sweep on one thread (after one warm-up point), then, for each core count given, replays the
 * plan's tasks as Spark dispatches them (in order, each to the first free core) for several tasks
 * per core, and prints each makespan against the bound {@code max(total / cores, longest point)}.
 *
 * <pre>
 * java -cp sweep-spark/target/test-classes:sweep-spark/target/classes:$(cat
 *   sweep-spark/target/spark.classpath) io.arrayflow.spark.PointCosts SWEEP CORES...
 * </pre>
 */
public final class PointCosts {
  private PointCosts() {}

  /** Measures {@code args[0]}'s points and replays plans on each core count that follows. */
  public static void main(String[] args) {
    SweepInputs in = SweepFiles.read(args[0]);
    PointTask task = in.task();
    List<Point> points = Expansion.of(task.spec(), in.arch().root()).points();
    task.run(points.get(points.size() - 1));
    Map<Long, Double> ms = new HashMap<>();
    double total = 0;
    double max = 0;
    for (Point p : points) {
      long t0 = System.nanoTime();
      task.run(p);
      double t = (System.nanoTime() - t0) / 1e6;
      ms.put(p.index(), t);
      total += t;
      max = Math.max(max, t);
      System.out.printf(Locale.ROOT, "point %d: %.0f ms%n", p.index(), t);
    }
    double min = ms.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%d points: %.0f ms in all, %.0f to %.0f ms each%n",
        points.size(),
        total,
        min,
        max);
    for (int a = 1; a < args.length; a++) {
      replay(
          points, ms, Integer.parseInt(args[a]), Math.max(total / Integer.parseInt(args[a]), max));
    }
  }

  private static void replay(List<Point> points, Map<Long, Double> ms, int cores, double bound) {
    for (int perCore : new int[] {1, 2, 4, 16, 64}) {
      List<long[]> tasks = TaskPlan.deal(points, TaskPlan.tasks(points.size(), cores, perCore));
      PriorityQueue<Double> free = new PriorityQueue<>();
      for (int c = 0; c < cores; c++) {
        free.add(0.0);
      }
      double end = 0;
      for (long[] t : tasks) {
        double start = free.poll();
        for (long i : t) {
          start += ms.get(i);
        }
        free.add(start);
        end = Math.max(end, start);
      }
      System.out.printf(
          Locale.ROOT,
          "%d cores, tasksPerCore %d: %d tasks, makespan %.0f ms (%.2f x bound)%n",
          cores,
          perCore,
          tasks.size(),
          end,
          end / bound);
    }
  }
}
