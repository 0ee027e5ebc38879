package io.arrayflow.reports.table;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The renderings of a {@link Table}: aligned text, CSV with a header, JSON array of records. */
public enum ReportFormat {
  /** Aligned columns for a terminal: text left-aligned, numbers right-aligned. */
  TABLE(ReportFormat::text),
  /** RFC 4180 CSV with a header row. */
  CSV(ReportFormat::csv),
  /** A JSON array of objects, one per row, keys in column order. */
  JSON(ReportFormat::json),
  /** A GitHub-flavoured Markdown table (numbers right-aligned), to paste into a report. */
  MARKDOWN(ReportFormat::markdown);

  private final Function<Table, String> renderer;

  ReportFormat(Function<Table, String> renderer) {
    this.renderer = renderer;
  }

  /** The table rendered in this format, ending with a newline. */
  public String render(Table table) {
    return renderer.apply(table);
  }

  /** The format called {@code name} (case-insensitive); fails listing the valid names. */
  public static ReportFormat named(String name) {
    for (ReportFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    List<String> keys = new java.util.ArrayList<>();
    for (ReportFormat f : values()) {
      keys.add(f.key());
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "'; expected one of " + String.join(", ", keys));
  }

  /** Whether this format is meant for people (aligned text, Markdown) rather than programs. */
  public boolean forPeople() {
    return this == TABLE || this == MARKDOWN;
  }

  /** The lower-case name used on the command line. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static String text(Table t) {
    List<String> cols = t.columns();
    int[] width = new int[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      width[i] = cols.get(i).length();
    }
    for (List<Object> row : t.rows()) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], textCell(row.get(i)).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      pad(sb, cols.get(i), width[i], numericColumn(t, i), i == cols.size() - 1);
    }
    sb.append('\n');
    for (int i = 0; i < cols.size(); i++) {
      sb.append("-".repeat(width[i]));
      sb.append(i == cols.size() - 1 ? "" : "  ");
    }
    sb.append('\n');
    for (List<Object> row : t.rows()) {
      for (int i = 0; i < row.size(); i++) {
        pad(sb, textCell(row.get(i)), width[i], numericColumn(t, i), i == row.size() - 1);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String textCell(Object cell) {
    return Cells.text(cell) + (cell instanceof Cells.Best ? "*" : "");
  }

  /** A column is right-aligned when its first row holds a number (marked or not). */
  private static boolean numericColumn(Table t, int column) {
    return !t.rows().isEmpty() && Cells.numeric(t.rows().get(0).get(column));
  }

  private static void pad(StringBuilder sb, String s, int width, boolean right, boolean last) {
    int gap = width - s.length();
    if (right) {
      sb.append(" ".repeat(gap)).append(s);
    } else {
      sb.append(s);
      if (!last) {
        sb.append(" ".repeat(gap));
      }
    }
    if (!last) {
      sb.append("  ");
    }
  }

  private static String markdown(Table t) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : t.columns()) {
      sb.append(' ').append(markdownCell(c)).append(" |");
    }
    sb.append("\n|");
    for (int i = 0; i < t.columns().size(); i++) {
      sb.append(numericColumn(t, i) ? " ---: |" : " --- |");
    }
    sb.append('\n');
    for (List<Object> row : t.rows()) {
      sb.append('|');
      for (Object cell : row) {
        String text = markdownCell(Cells.text(cell));
        sb.append(' ').append(cell instanceof Cells.Best ? "**" + text + "**" : text).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A cell's text with the characters that would break a Markdown table row escaped. */
  private static String markdownCell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
  }

  private static String csv(Table t) {
    StringBuilder sb = new StringBuilder();
    csvLine(sb, List.copyOf(t.columns()));
    for (List<Object> row : t.rows()) {
      csvLine(sb, row);
    }
    return sb.toString();
  }

  private static void csvLine(StringBuilder sb, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String s = Cells.text(cells.get(i));
      if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(s);
      }
    }
    sb.append('\n');
  }

  private static String json(Table t) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
      pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
      g.setPrettyPrinter(pp);
      g.writeStartArray();
      for (List<Object> row : t.rows()) {
        g.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
          Object c = Cells.unmarked(row.get(i));
          String name = t.columns().get(i);
          if (c == null) {
            g.writeNullField(name);
          } else if (c instanceof Double d) {
            g.writeFieldName(name);
            g.writeNumber(Cells.number(d));
          } else if (c instanceof Number n) {
            g.writeNumberField(name, n.longValue());
          } else {
            g.writeStringField(name, c.toString());
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().replace("\r\n", "\n") + "\n";
  }
}
