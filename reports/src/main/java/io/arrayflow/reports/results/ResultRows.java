package io.arrayflow.reports.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Result rows read back from CSV (what {@code run}, {@code compare} and {@code sweep} write), by
 * column name: what the charts and the sweep summary read. Columns are found by name, so a file
 * with more or fewer stall causes or operands than this build knows still reads.
 */
public final class ResultRows {
  private final List<String> columns;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<List<String>> rows;

  private ResultRows(List<String> columns, List<List<String>> rows) {
    this.columns = List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      index.putIfAbsent(columns.get(i), i);
    }
    this.rows = rows;
  }

  /**
   * Parses RFC 4180 CSV text with a header row; fails (IllegalArgumentException) naming the line of
   * a row whose cell count differs from the header's.
   */
  public static ResultRows parseCsv(String text) {
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no header row: the file is empty");
    }
    List<String> header = records.get(0);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.size() != header.size()) {
        throw new IllegalArgumentException(
            "row " + (i + 1) + " has " + r.size() + " cells, the header has " + header.size());
      }
      rows.add(Collections.unmodifiableList(r));
    }
    return new ResultRows(header, Collections.unmodifiableList(rows));
  }

  private static List<List<String>> records(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      any = true;
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(cell.toString());
        cell.setLength(0);
        out.add(record);
        record = new ArrayList<>();
        any = false;
      } else {
        cell.append(c);
      }
    }
    if (any) {
      record.add(cell.toString());
      out.add(record);
    }
    return out;
  }

  /** A view of some of these rows, same columns. */
  public ResultRows where(java.util.function.Predicate<List<String>> keep) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : rows) {
      if (keep.test(r)) {
        out.add(r);
      }
    }
    return new ResultRows(columns, Collections.unmodifiableList(out));
  }

  /** The column names, in file order. */
  public List<String> columns() {
    return columns;
  }

  /** Whether there is a column called {@code name}. */
  public boolean has(String name) {
    return index.containsKey(name);
  }

  /** The rows, each a list of cells in column order. */
  public List<List<String>> rows() {
    return rows;
  }

  /** The cell of {@code row} in column {@code name}; fails naming the column if there is none. */
  public String text(List<String> row, String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no column '" + name + "'");
    }
    return row.get(i);
  }

  /** The cell of {@code row} in column {@code name} as a number; NaN if empty. */
  public double number(List<String> row, String name) {
    String t = text(row, name);
    if (t.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("column '" + name + "': not a number: '" + t + "'");
    }
  }

  /** The columns whose name starts with {@code prefix}, in file order. */
  public List<String> columnsStartingWith(String prefix) {
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      if (c.startsWith(prefix)) {
        out.add(c);
      }
    }
    return out;
  }
}
