package io.arrayflow.dataflows.mapper;

/**
 * How the mapper searches (docs/mapping.md, "The mapper"): the {@link Objective}; the budget, at
 * most this many candidates scored per op searched (a space no larger is searched exhaustively);
 * the patience, how many candidates in a row may fail to improve a chunk's best before it stops;
 * the seed of the random sampling; and the worker threads. The result depends on the objective,
 * budget, patience and seed, never on the threads.
 *
 * @param objective what is minimised
 * @param budget candidates scored per op, at most (>= 1)
 * @param patience neighbours without improvement that end a climb (>= 1)
 * @param seed the random seed
 * @param threads worker threads (>= 1)
 */
public record MapperOptions(Objective objective, int budget, int patience, long seed, int threads) {

  /** The default budget: candidates scored per op, at most. */
  public static final int DEFAULT_BUDGET = 40_000;

  /** The default patience. */
  public static final int DEFAULT_PATIENCE = 1_000;

  /** Validates the numbers. */
  public MapperOptions {
    if (objective == null || budget < 1 || patience < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "mapper options need an objective, budget >= 1, patience >= 1 and threads >= 1, were "
              + objective
              + ", "
              + budget
              + ", "
              + patience
              + ", "
              + threads);
    }
  }

  /** EDP, the default budget and patience, seed 1, every core. */
  public static MapperOptions defaults() {
    return of(Objective.EDP);
  }

  /** The defaults with another objective. */
  public static MapperOptions of(Objective objective) {
    return new MapperOptions(
        objective, DEFAULT_BUDGET, DEFAULT_PATIENCE, 1, Runtime.getRuntime().availableProcessors());
  }

  /** The same options with another budget. */
  public MapperOptions withBudget(int newBudget) {
    return new MapperOptions(objective, newBudget, patience, seed, threads);
  }

  /** The same options with another seed. */
  public MapperOptions withSeed(long newSeed) {
    return new MapperOptions(objective, budget, patience, newSeed, threads);
  }

  /** The same options with another number of threads. */
  public MapperOptions withThreads(int newThreads) {
    return new MapperOptions(objective, budget, patience, seed, newThreads);
  }
}
