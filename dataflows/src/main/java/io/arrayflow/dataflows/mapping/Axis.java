package io.arrayflow.dataflows.mapping;

import java.util.Locale;

/** The two spatial axes of the PE array, as named in a mapping ({@code rows}, {@code cols}). */
public enum Axis {
  ROWS,
  COLS;

  /** Lower-case name as written in configs ({@code rows}, {@code cols}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
