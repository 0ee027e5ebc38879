/**
 * Charts for reports, drawn headless with JFreeChart at fixed sizes as PNG and SVG. Each {@link
 * io.arrayflow.reports.chart.ChartKind} turns result rows (as written to CSV) into {@link
 * io.arrayflow.reports.chart.ChartData} — the series, titles and axis units, which golden tests
 * check as text — and {@link io.arrayflow.reports.chart.ChartRenderer} draws that data with fills
 * and shapes that stay apart in greyscale print. Series come from the columns present (every {@code
 * stall_*}, {@code energy_*} and per-operand access column), never from a fixed list.
 */
package io.arrayflow.reports.chart;
