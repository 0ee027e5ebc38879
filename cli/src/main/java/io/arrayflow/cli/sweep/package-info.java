/**
 * Design-space sweeps: a sweep YAML ({@link io.arrayflow.cli.sweep.SweepSpec}) expands, purely and
 * deterministically, into numbered points ({@link io.arrayflow.cli.sweep.Expansion}: a grid or a
 * seeded random sample of it, minus the points a {@code where} constraint rejects); a point becomes
 * rows by a pure function ({@link io.arrayflow.cli.sweep.PointTask}) that resolves its arch and
 * runs the simulator as {@code run} does; an engine ({@link io.arrayflow.cli.sweep.SweepEngine}, a
 * local thread pool today) runs the points; a journal makes an interrupted sweep resumable; the
 * final files are sorted by point so they are the same bytes whatever the thread count.
 */
package io.arrayflow.cli.sweep;
