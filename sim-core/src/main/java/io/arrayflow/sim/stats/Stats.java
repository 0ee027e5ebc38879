package io.arrayflow.sim.stats;

import io.arrayflow.sim.spec.Operand;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of statistics: access counts per (level, operand or none, action), busy
 * cycles per component name, stall cycles per cause and metric counts. Snapshots add up with {@link
 * #plus}. Counts are in access blocks (one bank word, one DRAM block, one RF word).
 */
public final class Stats {

  static final int OPERAND_SLOTS = Operand.values().length + 1;
  static final int NO_OPERAND = Operand.values().length;
  static final int ACTIONS = AccessAction.values().length;
  static final int ACCESS_SIZE = Level.values().length * OPERAND_SLOTS * ACTIONS;

  /** No counts at all. */
  public static final Stats EMPTY =
      new Stats(
          new long[ACCESS_SIZE],
          new long[StallCause.values().length],
          new long[Metric.values().length],
          new TreeMap<>());

  private final long[] accesses;
  private final long[] stalls;
  private final long[] metrics;
  private final Map<String, Long> busyCycles;

  /** Takes ownership of the arrays and map; callers pass copies. */
  Stats(long[] accesses, long[] stalls, long[] metrics, TreeMap<String, Long> busyCycles) {
    this.accesses = accesses;
    this.stalls = stalls;
    this.metrics = metrics;
    this.busyCycles = Collections.unmodifiableMap(busyCycles);
  }

  static int index(Level level, int operandSlot, AccessAction action) {
    return (level.ordinal() * OPERAND_SLOTS + operandSlot) * ACTIONS + action.ordinal();
  }

  /** Count of {@code action} on {@code operand} at {@code level}, blocks. */
  public long count(Level level, Operand operand, AccessAction action) {
    return accesses[index(level, operand.ordinal(), action)];
  }

  /** Count of {@code action} at {@code level} not attributed to an operand (MACs, vector ops). */
  public long countWithoutOperand(Level level, AccessAction action) {
    return accesses[index(level, NO_OPERAND, action)];
  }

  /** Count of {@code action} at {@code level} over all operands and none. */
  public long total(Level level, AccessAction action) {
    long sum = 0;
    for (int slot = 0; slot < OPERAND_SLOTS; slot++) {
      sum += accesses[index(level, slot, action)];
    }
    return sum;
  }

  /** Reads of {@code operand} at {@code level}. */
  public long reads(Level level, Operand operand) {
    return count(level, operand, AccessAction.READ);
  }

  /** Writes (fills plus updates) of {@code operand} at {@code level}. */
  public long writes(Level level, Operand operand) {
    return count(level, operand, AccessAction.FILL) + count(level, operand, AccessAction.UPDATE);
  }

  /** Reads at {@code level} over all operands. */
  public long reads(Level level) {
    return total(level, AccessAction.READ);
  }

  /** Writes (fills plus updates) at {@code level} over all operands. */
  public long writes(Level level) {
    return total(level, AccessAction.FILL) + total(level, AccessAction.UPDATE);
  }

  /** Stall cycles attributed to {@code cause}. */
  public long stallCycles(StallCause cause) {
    return stalls[cause.ordinal()];
  }

  /** Stall cycles over all causes. */
  public long totalStallCycles() {
    long sum = 0;
    for (long s : stalls) {
      sum += s;
    }
    return sum;
  }

  /** The value of {@code metric}. */
  public long metric(Metric metric) {
    return metrics[metric.ordinal()];
  }

  /** Busy cycles of the component named {@code component}, 0 if unknown. */
  public long busyCycles(String component) {
    return busyCycles.getOrDefault(component, 0L);
  }

  /** Busy cycles by component name, sorted by name. */
  public Map<String, Long> busyCycles() {
    return busyCycles;
  }

  /** The element-wise sum of this and {@code other}. */
  public Stats plus(Stats other) {
    long[] a = accesses.clone();
    for (int i = 0; i < a.length; i++) {
      a[i] += other.accesses[i];
    }
    long[] s = stalls.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] += other.stalls[i];
    }
    long[] m = metrics.clone();
    for (int i = 0; i < m.length; i++) {
      m[i] += other.metrics[i];
    }
    TreeMap<String, Long> busy = new TreeMap<>(busyCycles);
    for (Map.Entry<String, Long> entry : other.busyCycles.entrySet()) {
      busy.merge(entry.getKey(), entry.getValue(), Long::sum);
    }
    return new Stats(a, s, m, busy);
  }

  /**
   * This snapshot with the access counts and stall cycles set to zero: what a memory component adds
   * to a result beside the executor's own counts (busy cycles, row hits, bank conflicts), since its
   * request-side counts are in its own blocks and its stalls are not array stalls.
   */
  public Stats busyAndMetrics() {
    return new Stats(
        new long[ACCESS_SIZE],
        new long[StallCause.values().length],
        metrics.clone(),
        new TreeMap<>(busyCycles));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stats other
        && Arrays.equals(accesses, other.accesses)
        && Arrays.equals(stalls, other.stalls)
        && Arrays.equals(metrics, other.metrics)
        && busyCycles.equals(other.busyCycles);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(accesses) + Arrays.hashCode(stalls))
        + Arrays.hashCode(metrics)
        + busyCycles.hashCode();
  }

  /** The non-zero entries, for debugging and test failure messages. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Stats{");
    for (Level level : Level.values()) {
      for (int slot = 0; slot < OPERAND_SLOTS; slot++) {
        for (AccessAction action : AccessAction.values()) {
          long value = accesses[index(level, slot, action)];
          if (value != 0) {
            String operand = slot == NO_OPERAND ? "-" : Operand.values()[slot].key();
            out.append(level.key())
                .append('.')
                .append(operand)
                .append('.')
                .append(action.key())
                .append('=')
                .append(value)
                .append(' ');
          }
        }
      }
    }
    for (StallCause cause : StallCause.values()) {
      if (stalls[cause.ordinal()] != 0) {
        out.append("stall.")
            .append(cause.key())
            .append('=')
            .append(stalls[cause.ordinal()])
            .append(' ');
      }
    }
    for (Metric metric : Metric.values()) {
      if (metrics[metric.ordinal()] != 0) {
        out.append(metric.key()).append('=').append(metrics[metric.ordinal()]).append(' ');
      }
    }
    return out.append("busy=").append(busyCycles).append('}').toString();
  }
}
