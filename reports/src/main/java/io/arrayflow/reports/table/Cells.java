package io.arrayflow.reports.table;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How one cell prints: integers plainly, doubles with up to 6 significant decimals, plainly; a
 * {@link Best} cell as its value, which the text and Markdown renderings mark.
 */
public final class Cells {
  private Cells() {}

  /**
   * A cell holding the best value of its column in its group: {@code 42*} in text, bold in
   * Markdown.
   */
  public record Best(Object value) {}

  /** {@code value} marked as the best of its column. */
  public static Best best(Object value) {
    return new Best(value);
  }

  static String text(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Best b) {
      return text(b.value());
    }
    if (cell instanceof Double d) {
      return number(d);
    }
    return cell.toString();
  }

  static boolean numeric(Object cell) {
    return cell instanceof Number || (cell instanceof Best b && numeric(b.value()));
  }

  static Object unmarked(Object cell) {
    return cell instanceof Best b ? b.value() : cell;
  }

  /** A double in plain notation (no exponent, no grouping), trailing zeros removed. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) d);
    }
    BigDecimal b = new BigDecimal(String.format(Locale.ROOT, "%.6g", d));
    return b.stripTrailingZeros().toPlainString();
  }
}
