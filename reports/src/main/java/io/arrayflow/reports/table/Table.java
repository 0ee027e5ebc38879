package io.arrayflow.reports.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable report table: named columns and rows of cells (strings, integers or doubles).
 * Numeric cells are right-aligned in text and unquoted in CSV and JSON.
 */
public final class Table {
  private final List<String> columns;
  private final List<List<Object>> rows;

  private Table(List<String> columns, List<List<Object>> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /** A builder for a table with the given columns, in order. */
  public static Builder withColumns(String... columns) {
    return new Builder(List.of(columns));
  }

  /** A builder for a table with the given columns, in order. */
  public static Builder withColumns(List<String> columns) {
    return new Builder(List.copyOf(columns));
  }

  /** The column names, in order. */
  public List<String> columns() {
    return columns;
  }

  /** The rows, each a list of cells in column order. */
  public List<List<Object>> rows() {
    return rows;
  }

  /** Accumulates rows; each row must have one cell per column. */
  public static final class Builder {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Builder(List<String> columns) {
      this.columns = columns;
    }

    /**
     * Adds a row: String, Integer, Long or Double cells, or such a value marked {@link Cells#best}
     * (null renders as empty).
     */
    public Builder row(Object... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + cells.length + " cells, table has " + columns.size() + " columns");
      }
      for (Object cell : cells) {
        Object c = Cells.unmarked(cell);
        if (c != null
            && !(c instanceof String)
            && !(c instanceof Integer)
            && !(c instanceof Long)
            && !(c instanceof Double)) {
          throw new IllegalArgumentException("unsupported cell type " + c.getClass());
        }
      }
      rows.add(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(cells))));
      return this;
    }

    /** The finished table. */
    public Table build() {
      return new Table(columns, List.copyOf(rows));
    }
  }
}
