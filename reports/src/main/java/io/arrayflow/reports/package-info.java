/** Writers for results (text tables, CSV, JSON, Markdown) and the charts that go into a report. */
package io.arrayflow.reports;
