package io.arrayflow.cli.sweep;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Node;
import io.arrayflow.cli.config.Overrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The points of a sweep, a pure function of the sweep and its base architecture: the grid of every
 * combination of axis values (the last axis varies fastest; point {@code i} is grid index {@code
 * i}), or a sample of {@code random} distinct grid indices drawn with {@link Random} from the seed
 * (its algorithm is specified, so the sample is the same on every JVM), in grid order; then the
 * points whose arch fails a {@code where} constraint are dropped and counted.
 *
 * @param gridSize how many points the grid has
 * @param sampled how many were drawn (the grid size for a grid)
 * @param points the points that meet every constraint, in grid order
 * @param skipped how many drawn points a constraint rejected
 */
public record Expansion(long gridSize, long sampled, List<Point> points, long skipped) {
  /** The most points a grid sweep may have; larger spaces need random sampling. */
  public static final long MAX_GRID = 1_000_000;

  /** Copies the points. */
  public Expansion {
    points = List.copyOf(points);
  }

  /** The points of {@code spec} whose base architecture document is {@code base}. */
  public static Expansion of(SweepSpec spec, Node base) {
    long size = 1;
    for (SweepSpec.Axis a : spec.axes()) {
      size = Math.multiplyExact(size, a.values().size());
    }
    List<Long> indices = new ArrayList<>();
    if (spec.sampling().grid() || spec.sampling().random() >= size) {
      if (size > MAX_GRID) {
        throw new ConfigException(
            "sweep "
                + spec.name()
                + ": the grid has "
                + size
                + " points, more than "
                + MAX_GRID
                + "; use sample: {random: N, seed: S}");
      }
      for (long i = 0; i < size; i++) {
        indices.add(i);
      }
    } else {
      Random rnd = new Random(spec.sampling().seed());
      TreeSet<Long> drawn = new TreeSet<>();
      while (drawn.size() < spec.sampling().random()) {
        drawn.add(bounded(rnd, size));
      }
      indices.addAll(drawn);
    }
    List<Point> points = new ArrayList<>();
    long skipped = 0;
    for (long index : indices) {
      Point p = point(spec, index);
      if (meets(spec, base, p)) {
        points.add(p);
      } else {
        skipped++;
      }
    }
    return new Expansion(size, indices.size(), points, skipped);
  }

  /** Grid point {@code index}: mixed-radix digits, the last axis the least significant. */
  static Point point(SweepSpec spec, long index) {
    List<Node> values = new ArrayList<>();
    long rest = index;
    for (int a = spec.axes().size() - 1; a >= 0; a--) {
      List<Node> axis = spec.axes().get(a).values();
      values.add(0, axis.get((int) (rest % axis.size())));
      rest /= axis.size();
    }
    return new Point(index, values);
  }

  /** A uniform draw from [0, bound) by rejection, so no value is favoured. */
  private static long bounded(Random rnd, long bound) {
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
    while (true) {
      long r = rnd.nextLong() >>> 1;
      if (r < limit) {
        return r % bound;
      }
    }
  }

  private static boolean meets(SweepSpec spec, Node base, Point p) {
    if (spec.where().isEmpty()) {
      return true;
    }
    Node arch = apply(spec, base, p);
    for (int i = 0; i < spec.where().size(); i++) {
      Constraint c = spec.where().get(i);
      for (String path : c.paths()) {
        if (Double.isNaN(Axes.number(arch, path))) {
          throw new ConfigException(
              "sweep "
                  + spec.name()
                  + ": where["
                  + i
                  + "]: '"
                  + path
                  + "' is not a number in the arch of point "
                  + p.index()
                  + "; a constraint reads numeric keys that the base arch or an axis sets");
        }
      }
      if (!c.holds(path -> Axes.number(arch, path))) {
        return false;
      }
    }
    return true;
  }

  /** A copy of {@code base} with the point's axis values applied. */
  static Node apply(SweepSpec spec, Node base, Point p) {
    Node arch = Overrides.copy(base);
    for (int a = 0; a < spec.axes().size(); a++) {
      SweepSpec.Axis axis = spec.axes().get(a);
      Overrides.apply(arch, axis.path(), p.values().get(a), "axes." + axis.path());
    }
    return arch;
  }
}
