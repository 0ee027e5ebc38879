/**
 * Sweeps on Apache Spark: {@link io.arrayflow.spark.SparkEngine} runs a sweep's points as Spark
 * tasks behind the same {@link io.arrayflow.cli.sweep.SweepEngine} seam as the local thread pool.
 * The driver ships the sweep's inputs once (a broadcast of {@link
 * io.arrayflow.cli.sweep.SweepInputs}, the files as text) and each task the numbers of its points;
 * an executor rebuilds the same {@link io.arrayflow.cli.sweep.PointTask} and sends the rows back;
 * the driver alone writes the journal and the final files, so a retried task cannot duplicate a
 * row. {@link io.arrayflow.spark.TaskPlan} deals points to tasks; {@link
 * io.arrayflow.spark.SparkSweep} is the {@code spark-submit} entry point.
 */
package io.arrayflow.spark;
