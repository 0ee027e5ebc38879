/**
 * A report as a table of typed columns and its renderings: aligned text, CSV with a header, and
 * JSON records. Rows keep their order, columns their declared order, numbers use {@code
 * Locale.ROOT} with no thousands separators, so the same table always renders to the same bytes.
 */
package io.arrayflow.reports.table;
