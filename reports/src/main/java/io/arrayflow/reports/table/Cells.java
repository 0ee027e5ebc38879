package io.arrayflow.reports.table;

import java.math.BigDecimal;
import java.util.Locale;

/** How one cell prints: integers plainly, doubles with up to 6 significant decimals, plainly. */
final class Cells {
  private Cells() {}

  static String text(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Double d) {
      return number(d);
    }
    return cell.toString();
  }

  static boolean numeric(Object cell) {
    return cell instanceof Number;
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
