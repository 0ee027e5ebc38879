package io.arrayflow.cli.sweep;

import io.arrayflow.cli.config.Node;
import java.util.List;

/**
 * One point of a sweep: its number (its index in the grid, so the same point keeps its number
 * whether it was drawn by grid or by random sampling) and the value of each axis, in axis order.
 */
public record Point(long index, List<Node> values) {
  /** Copies the values. */
  public Point {
    values = List.copyOf(values);
  }
}
