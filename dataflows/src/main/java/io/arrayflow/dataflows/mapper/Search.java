package io.arrayflow.dataflows.mapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Searches one op's {@link Space} for the {@link Objective}: exhaustively when the space has at
 * most {@code budget} members ({@link Enumeration}), otherwise by seeded simulated annealing in
 * chunks of at most {@link #CHUNK} candidates. Chunk {@code i} draws from its own generator seeded
 * by {@code (seed, i)}; it starts from the {@code i}-th seed (the family's rule, the smallest
 * member), a random kick of the best point so far, or a random member, then moves to random
 * neighbours, accepting one whose score is worse by a factor {@code e^d} with probability {@code
 * e^(-d/T)} (Metropolis on the score's logarithm), {@code T} falling from {@link #TEMPERATURE} to 0
 * over the chunk; it ends at its budget or after {@code patience} candidates without a better best.
 * Chunks run {@link #WAVE} at a time on any number of threads and merge their Pareto fronts in
 * chunk order, so the result depends on the seed and never on the threads; the search ends at its
 * budget or after {@link #IDLE_WAVES} waves without a better best. A candidate is first scored with
 * a lower bound ({@link Evaluator#bound}); the exact score is computed only when it could be
 * accepted or join the front.
 */
final class Search {
  /** Candidates per chunk of the random search, at most. */
  static final int CHUNK = 4_000;

  /** Chunks per wave: a wave's climbs start from kicks of the best so far (one from a sample). */
  static final int WAVE = 4;

  /** Waves in a row without a better best that end the search before its budget. */
  static final int IDLE_WAVES = 2;

  /** The annealing temperature at a chunk's start, on the score's natural logarithm. */
  static final double TEMPERATURE = 0.1;

  /**
   * A climb keeps on its front the trade-offs scoring at most this factor above its best (a split
   * layer's parts are combined from their fronts; points further off do not win a sum).
   */
  static final double FRONT_SLACK = 2;

  /** Random moves that kick the best so far into a new start. */
  static final int KICK = 4;

  private Search() {}

  /**
   * What a search scored: its Pareto front, the candidates within capacity and over it, and whether
   * it listed the whole space.
   */
  record Result(Front front, long valid, long invalid, boolean exhaustive) {}

  /** A way to run {@code n} independent tasks and get their results in task order. */
  interface Workers {
    <T> List<T> map(int n, IntFunction<T> task);
  }

  /**
   * Searches the space {@code spaces} makes from {@code seeds} (members of it) under {@code
   * options}; each thread gets its own space and evaluator (they hold scratch arrays).
   */
  static Result run(
      Supplier<Space> spaces,
      Supplier<Evaluator> evaluators,
      List<Candidate> seeds,
      MapperOptions options,
      Workers workers) {
    ThreadLocal<Evaluator> local = ThreadLocal.withInitial(evaluators);
    ThreadLocal<Space> localSpace = ThreadLocal.withInitial(spaces);
    Space space = spaces.get();
    Enumeration all =
        space.atLeastMembers() <= options.budget()
            ? new Enumeration(space, options.budget())
            : null;
    if (all != null && all.count(options.budget()) <= options.budget()) {
      List<Result> parts =
          workers.map(
              all.tasks(),
              t -> {
                Front f = new Front();
                long[] vi = new long[2];
                all.run(t, local.get(), f, vi);
                return new Result(f, vi[0], vi[1], true);
              });
      return merge(parts, true);
    }
    int chunks = Math.max(seeds.size(), (options.budget() + CHUNK - 1) / CHUNK);
    int perChunk = Math.max(1, options.budget() / chunks);
    Objective objective = options.objective();
    Front front = new Front();
    long valid = 0;
    long invalid = 0;
    int idle = 0;
    for (int from = 0; from < chunks && idle < IDLE_WAVES; from += WAVE) {
      int first = from;
      int best = front.best(objective);
      Candidate kick = best < 0 ? null : front.point(best).copy();
      List<Result> wave =
          workers.map(
              Math.min(WAVE, chunks - from),
              j -> {
                int i = first + j;
                Candidate seed = i < seeds.size() ? seeds.get(i) : null;
                return climb(
                    localSpace.get(),
                    local.get(),
                    seed,
                    j < WAVE - 1 ? kick : null,
                    new Random(mix(options.seed(), i)),
                    perChunk,
                    options);
              });
      double before =
          best < 0
              ? Double.POSITIVE_INFINITY
              : objective.score(front.energy(best), front.cycles(best));
      for (Result r : wave) {
        front.addAll(r.front());
        valid += r.valid();
        invalid += r.invalid();
      }
      int after = front.best(objective);
      boolean improved =
          after >= 0 && objective.score(front.energy(after), front.cycles(after)) < before;
      idle = improved ? 0 : idle + 1;
    }
    return new Result(front, valid, invalid, false);
  }

  private static long mix(long seed, int chunk) {
    long z = seed * 0x9E3779B97F4A7C15L + (chunk + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static Result merge(List<Result> parts, boolean exhaustive) {
    Front front = new Front();
    long valid = 0;
    long invalid = 0;
    for (Result r : parts) {
      front.addAll(r.front());
      valid += r.valid();
      invalid += r.invalid();
    }
    return new Result(front, valid, invalid, exhaustive);
  }

  /**
   * One chunk: a start point (the seed if it fits, else a kick of the best so far, else a random
   * member) and a climb.
   */
  private static Result climb(
      Space space,
      Evaluator ev,
      Candidate seed,
      Candidate kick,
      Random rnd,
      int budget,
      MapperOptions o) {
    Objective objective = o.objective();
    Front front = new Front();
    long valid = 0;
    long invalid = 0;
    Candidate cur = new Candidate(space.levels);
    Candidate next = new Candidate(space.levels);
    boolean started = false;
    if (seed != null || kick != null) {
      cur.copyFrom(seed != null ? seed : kick);
      if (seed == null) {
        for (int m = 1 + rnd.nextInt(KICK); m > 0; m--) {
          space.mutate(rnd, cur);
        }
      }
      started = ev.evaluate(cur);
      if (started) {
        valid++;
      } else {
        invalid++;
      }
    }
    if (!started) {
      if (!space.sample(rnd, cur, ev) || !ev.evaluate(cur)) {
        return new Result(front, valid, invalid + 1, false);
      }
      valid++;
    }
    double curE = ev.energy();
    long curC = ev.cycles();
    double bestScore = objective.score(curE, curC);
    front.offer(curE, curC, cur);
    int fails = 0;
    long scored = valid + invalid;
    while (scored < budget && fails < o.patience()) {
      next.copyFrom(cur);
      if (!space.mutate(rnd, next)) {
        fails++;
        continue;
      }
      if (rnd.nextInt(4) == 0) {
        space.mutate(rnd, next);
      }
      // Annealing: a neighbour up to `limit` is accepted; the limit shrinks to the current score.
      double temperature = TEMPERATURE * (1 - (double) scored / budget);
      double limit =
          objective.score(curE, curC) * Math.exp(-temperature * Math.log(1 - rnd.nextDouble()));
      scored++;
      if (!ev.bound(next)) {
        invalid++;
        fails++;
        continue;
      }
      valid++;
      double lower = objective.score(ev.energy(), ev.cycles());
      boolean hopeless =
          temperature > 0 ? lower > limit : objective.better(curE, curC, ev.energy(), ev.cycles());
      if (hopeless && (lower > FRONT_SLACK * bestScore || front.covers(ev.energy(), ev.cycles()))) {
        // Even its lower bound would be rejected, and it is no trade-off worth keeping.
        fails++;
        continue;
      }
      ev.finish();
      double e = ev.energy();
      long c = ev.cycles();
      double score = objective.score(e, c);
      if (score <= FRONT_SLACK * bestScore) {
        front.offer(e, c, next);
      }
      boolean accept = temperature > 0 ? score <= limit : !objective.better(curE, curC, e, c);
      if (accept) {
        Candidate t = cur;
        cur = next;
        next = t;
        curE = e;
        curC = c;
      }
      if (score < bestScore) {
        bestScore = score;
        fails = 0;
      } else {
        fails++;
      }
    }
    return new Result(front, valid, invalid, false);
  }

  /** Runs tasks one after another on the calling thread. */
  static Workers sequential() {
    return new Workers() {
      @Override
      public <T> List<T> map(int n, IntFunction<T> task) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(task.apply(i));
        }
        return out;
      }
    };
  }
}
