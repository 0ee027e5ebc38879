package io.arrayflow.dataflows.mapper;

/**
 * The Pareto front of the candidates a search scored, in (energy, cycles): every candidate that no
 * other beats in both, sorted by energy (so cycles fall along it). Any objective that grows with
 * energy and with cycles (energy, cycles, EDP, and the EDP of a split layer's summed parts) has its
 * best on the front, so a split layer combines its parts' fronts instead of searching them
 * together. The first of equal points stays. At most {@link #CAPACITY} points are kept: beyond it
 * the most crowded interior point goes (never the two ends or the lowest EDP).
 */
final class Front {
  static final int CAPACITY = 64;

  private int size;
  private final double[] energy = new double[CAPACITY + 1];
  private final long[] cycles = new long[CAPACITY + 1];
  private final Candidate[] points = new Candidate[CAPACITY + 1];
  private final Candidate[] spare = new Candidate[CAPACITY + 1];
  private int spares;

  int size() {
    return size;
  }

  double energy(int i) {
    return energy[i];
  }

  long cycles(int i) {
    return cycles[i];
  }

  Candidate point(int i) {
    return points[i];
  }

  /** Whether some point is at least as good as ({@code e}, {@code c}) in both. */
  boolean covers(double e, long c) {
    for (int i = 0; i < size && energy[i] <= e; i++) {
      if (cycles[i] <= c) {
        return true;
      }
    }
    return false;
  }

  /** Adds ({@code e}, {@code c}) with a copy of {@code cand} unless a point is at least as good. */
  boolean offer(double e, long c, Candidate cand) {
    int at = 0;
    while (at < size && energy[at] < e) {
      if (cycles[at] <= c) {
        return false;
      }
      at++;
    }
    if (at < size && energy[at] == e && cycles[at] <= c) {
      return false;
    }
    // Points from `at` on have no less energy; those with no fewer cycles are now dominated.
    int end = at;
    while (end < size && cycles[end] >= c) {
      spare[spares++] = points[end];
      end++;
    }
    int removed = end - at;
    if (removed != 1) {
      System.arraycopy(energy, end, energy, at + 1, size - end);
      System.arraycopy(cycles, end, cycles, at + 1, size - end);
      System.arraycopy(points, end, points, at + 1, size - end);
      size += 1 - removed;
    }
    Candidate copy = spares > 0 ? spare[--spares] : new Candidate(cand.levels());
    copy.copyFrom(cand);
    energy[at] = e;
    cycles[at] = c;
    points[at] = copy;
    if (size > CAPACITY) {
      evictCrowded();
    }
    return true;
  }

  private void evictCrowded() {
    int keep = best(Objective.EDP);
    int victim = -1;
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 1; i < size - 1; i++) {
      double g =
          Math.log(energy[i + 1] / energy[i - 1])
              + Math.log((double) cycles[i - 1] / cycles[i + 1]);
      if (i != keep && g < gap) {
        gap = g;
        victim = i;
      }
    }
    spare[spares++] = points[victim];
    System.arraycopy(energy, victim + 1, energy, victim, size - victim - 1);
    System.arraycopy(cycles, victim + 1, cycles, victim, size - victim - 1);
    System.arraycopy(points, victim + 1, points, victim, size - victim - 1);
    size--;
  }

  /** Offers every point of {@code other}, in its order. */
  void addAll(Front other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.energy[i], other.cycles[i], other.points[i]);
    }
  }

  /** The index of the best point for {@code objective}, or -1 if empty. */
  int best(Objective objective) {
    int best = -1;
    for (int i = 0; i < size; i++) {
      if (best < 0 || objective.better(energy[i], cycles[i], energy[best], cycles[best])) {
        best = i;
      }
    }
    return best;
  }
}
