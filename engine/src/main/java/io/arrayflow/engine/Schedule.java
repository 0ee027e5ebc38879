package io.arrayflow.engine;

/**
 * A layer as passes, as a planner sees it: how many, what each moves ({@link #traffic}) and how
 * long each computes ({@link #compute}). The engine asks for {@link #traffic} in increasing pass
 * order, up to a few passes ahead of the one running (as far as prefetching reaches), and for
 * {@link #compute} when a pass starts, also in increasing order: a cycle-fidelity planner steps the
 * PE array through the pass right then.
 */
public interface Schedule {

  /** Number of passes (>= 1). */
  long passes();

  /** Fills the traffic of pass {@code p} into {@code out} (cleared before the call). */
  void traffic(long p, Pass out);

  /**
   * Fills the compute phases of pass {@code p}, starting at {@code startCycle}, into {@code out}
   * (its traffic already filled, its phases cleared).
   */
  void compute(long p, long startCycle, Pass out);

  /**
   * How many passes back the partial sums a pass reads were last written, at the least: its output
   * reads are fetched once pass {@code p − returnDistance()} has ended (and issued its
   * write-backs). 1 when a pass may read back what the pass just before it wrote.
   */
  default int returnDistance() {
    return 1;
  }
}
