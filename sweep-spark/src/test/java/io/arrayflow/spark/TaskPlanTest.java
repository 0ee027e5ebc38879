package io.arrayflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.cli.sweep.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPlanTest {
  private static List<Point> points(long... indices) {
    List<Point> out = new ArrayList<>();
    for (long i : indices) {
      out.add(new Point(i, List.of()));
    }
    return out;
  }

  @Test
  void eachPointIsItsOwnTaskWhileThereAreFewerPointsThanTaskSlots() {
    assertEquals(100, TaskPlan.tasks(100, 2, 64));
    assertEquals(1, TaskPlan.tasks(1, 8, 64));
  }

  @Test
  void manyPointsShareTasksUpToTasksPerCoreTimesCores() {
    assertEquals(128, TaskPlan.tasks(10_000, 2, 64));
    assertEquals(6_400, TaskPlan.tasks(1_000_000, 100, 64));
  }

  @Test
  void pointsAreDealtRoundRobinSoNeighboursRunInDifferentTasks() {
    List<long[]> tasks = TaskPlan.deal(points(3, 4, 5, 7, 8, 9, 10), 3);
    assertEquals(3, tasks.size());
    assertArrayEquals(new long[] {3, 7, 10}, tasks.get(0));
    assertArrayEquals(new long[] {4, 8}, tasks.get(1));
    assertArrayEquals(new long[] {5, 9}, tasks.get(2));
  }

  @Test
  void aPlanNeedsACoreAndATaskPerCore() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaskPlan.tasks(10, 0, 64));
    assertEquals("cores and tasks per core must be >= 1, were 0 and 64", e.getMessage());
  }
}
