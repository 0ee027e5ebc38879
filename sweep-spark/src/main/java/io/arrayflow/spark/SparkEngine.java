package io.arrayflow.spark;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.sweep.Point;
import io.arrayflow.cli.sweep.PointResult;
import io.arrayflow.cli.sweep.PointTask;
import io.arrayflow.cli.sweep.SweepEngine;
import io.arrayflow.cli.sweep.SweepInputs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.collection.immutable.Range;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs a sweep's points as one Spark job: the sweep's inputs go to the executors once, as a
 * broadcast of {@link SweepInputs}; each task gets the numbers of its points ({@link TaskPlan}),
 * rebuilds the same {@link PointTask} the local engine runs and sends back the points' rows. The
 * driver receives each task's rows as the task finishes and hands them on in that order, each point
 * once: Spark reports a task's result once however often it was attempted, and a point seen again
 * is dropped here too, so neither a retry nor a speculative copy can duplicate a row.
 *
 * <p>The master is {@code --master}, else {@code spark.master} (set by spark-submit), else {@code
 * local[*]}; the engine starts a Spark context for the sweep and stops it at the end. A local
 * master runs on the loopback interface without the web UI.
 */
public final class SparkEngine implements SweepEngine {
  /**
   * Spark setting: tasks per core (default {@value #DEFAULT_TASKS_PER_CORE}), see {@link TaskPlan}.
   */
  public static final String TASKS_PER_CORE = "spark.arrayflow.tasksPerCore";

  /** Default of {@link #TASKS_PER_CORE}. */
  public static final int DEFAULT_TASKS_PER_CORE = 64;

  /** Hadoop shutdown-hook priority of the engine's hook: before Spark's, which has 40. */
  private static final int QUIET_PRIORITY = 100;

  private final String master;
  private final long[] failFirstAttempt;

  /** An engine on {@code master}, or on spark.master / {@code local[*]} when null. */
  public SparkEngine(String master) {
    this(master, new long[0]);
  }

  /**
   * For tests of retries: the first attempt of a task holding one of {@code failFirstAttempt} fails
   * after it ran its points, so Spark runs it again.
   */
  SparkEngine(String master, long[] failFirstAttempt) {
    this.master = master;
    this.failFirstAttempt = failFirstAttempt.clone();
  }

  @Override
  public void run(List<Point> points, PointTask task, Consumer<PointResult> done)
      throws InterruptedException {
    if (points.isEmpty()) {
      return;
    }
    SparkConf conf = new SparkConf().setAppName("arrayflow sweep " + task.spec().name());
    if (master != null) {
      conf.setMaster(master);
    }
    conf.setIfMissing("spark.master", "local[*]");
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    int perCore = tasksPerCore(conf.get(TASKS_PER_CORE, String.valueOf(DEFAULT_TASKS_PER_CORE)));
    SparkContext sc = new SparkContext(conf);
    // Before Spark's own shutdown hook (Hadoop priority 40) stops the context on SIGTERM or Ctrl-C
    // and logs each task still in flight as an error with its stack trace, Spark goes quiet: the
    // sweep says itself what stopped and how to resume.
    Runnable quiet = () -> sc.setLogLevel("OFF");
    ShutdownHookManager hooks = ShutdownHookManager.get();
    hooks.addShutdownHook(quiet, QUIET_PRIORITY);
    try {
      run(sc, perCore, points, task, done);
    } finally {
      if (!hooks.isShutdownInProgress()) {
        hooks.removeShutdownHook(quiet);
      }
      sc.stop();
    }
  }

  /** The value of {@link #TASKS_PER_CORE}, checked before Spark starts. */
  static int tasksPerCore(String value) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below with the value.
    }
    throw new ConfigException(
        TASKS_PER_CORE + ": must be a whole number >= 1 (tasks per core), was " + value);
  }

  private void run(
      SparkContext sc, int perCore, List<Point> points, PointTask task, Consumer<PointResult> done)
      throws InterruptedException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    List<long[]> tasks =
        TaskPlan.deal(points, TaskPlan.tasks(points.size(), sc.defaultParallelism(), perCore));
    Broadcast<SweepInputs> inputs = jsc.broadcast(task.inputs());
    RDD<long[]> rdd = jsc.parallelize(tasks, tasks.size()).rdd();
    Set<Long> delivered = new HashSet<>();
    // Called on the driver, one task's result at a time, once per task.
    AbstractFunction2<Object, ArrayList<PointResult>, BoxedUnit> handler =
        new AbstractFunction2<>() {
          @Override
          public BoxedUnit apply(Object taskIndex, ArrayList<PointResult> results) {
            for (PointResult r : results) {
              if (delivered.add(r.point())) {
                done.accept(r);
              }
            }
            return BoxedUnit.UNIT;
          }
        };
    SimpleFutureAction<BoxedUnit> job =
        sc.submitJob(
            rdd,
            new RunPoints(inputs, failFirstAttempt),
            new Range.Exclusive(0, tasks.size(), 1),
            handler,
            new AbstractFunction0<BoxedUnit>() {
              @Override
              public BoxedUnit apply() {
                return BoxedUnit.UNIT;
              }
            });
    try {
      Await.ready(job, Duration.Inf());
    } catch (InterruptedException e) {
      job.cancel();
      throw e;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("an unbounded wait timed out", e);
    }
    Try<BoxedUnit> outcome = job.value().get();
    if (outcome.isFailure()) {
      if (sc.isStopped()) {
        // Spark's shutdown hook stopped the context: the process is being stopped.
        throw new InterruptedException("Spark stopped before the sweep finished");
      }
      throw failure(outcome.failed().get());
    }
    if (delivered.size() != points.size()) {
      throw new IllegalStateException(
          "Spark returned " + delivered.size() + " of " + points.size() + " points");
    }
  }

  /**
   * The job's failure as an exception: a one-line error for a machine that lacks an input the
   * driver had ({@link InputMissing}), otherwise an internal error carrying Spark's.
   */
  private static RuntimeException failure(Throwable t) {
    String text = String.valueOf(t.getMessage());
    String marker = InputMissing.class.getName() + ": ";
    int at = text.indexOf(marker);
    if (at >= 0) {
      int end = text.indexOf('\n', at);
      return new ConfigException(
          "--engine spark: " + text.substring(at + marker.length(), end < 0 ? text.length() : end));
    }
    return new IllegalStateException("the Spark job of the sweep failed", t);
  }

  /** An executor lacks an input the driver read (an energy-table file): bad input, not a bug. */
  static final class InputMissing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputMissing(String message) {
      super(message);
    }
  }

  /** What a task runs on an executor: its points, with the task rebuilt from the broadcast. */
  private static final class RunPoints
      extends AbstractFunction1<Iterator<long[]>, ArrayList<PointResult>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SweepInputs> inputs;
    private final long[] failFirstAttempt;

    RunPoints(Broadcast<SweepInputs> inputs, long[] failFirstAttempt) {
      this.inputs = inputs;
      this.failFirstAttempt = failFirstAttempt;
    }

    @Override
    public ArrayList<PointResult> apply(Iterator<long[]> slice) {
      SweepInputs in = inputs.value();
      try {
        in.checkEnergyTables();
      } catch (IllegalStateException e) {
        throw new InputMissing(e.getMessage());
      }
      PointTask task = in.task();
      ArrayList<PointResult> out = new ArrayList<>();
      boolean fail = false;
      while (slice.hasNext()) {
        for (long i : slice.next()) {
          out.add(task.run(task.point(i)));
          for (long f : failFirstAttempt) {
            fail |= f == i;
          }
        }
      }
      if (fail && TaskContext.get().attemptNumber() == 0) {
        throw new IllegalStateException("a test asked this first attempt to fail");
      }
      return out;
    }
  }
}
