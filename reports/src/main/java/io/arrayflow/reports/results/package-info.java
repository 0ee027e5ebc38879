/**
 * Result tables: {@link io.arrayflow.reports.results.ResultTables} lays out layer results in the
 * CLI contract's columns, with TOTAL rows, for any {@link io.arrayflow.reports.table.ReportFormat}.
 */
package io.arrayflow.reports.results;
