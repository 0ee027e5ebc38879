package io.arrayflow.cli.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * The rows one point produced, already rendered as CSV lines (no line ends) in the columns of
 * {@link PointTask#columns}: one line per workload × dataflow for {@code results.csv}, and the
 * per-layer lines for {@code layers.csv}. Rendering once, where the point ran, is what lets the
 * journal and the final files hold the same bytes. Serializable, so a remote engine can send it
 * back.
 *
 * @param point the point's number
 * @param results the results.csv lines
 * @param layers the layers.csv lines
 */
public record PointResult(long point, List<String> results, List<String> layers)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the lines. */
  public PointResult {
    results = List.copyOf(results);
    layers = List.copyOf(layers);
  }
}
