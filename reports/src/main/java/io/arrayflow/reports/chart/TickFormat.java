package io.arrayflow.reports.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Axis tick labels that stay short at any scale: {@code 85M}, {@code 2.5K} from a thousand up,
 * otherwise three significant digits in plain notation ({@code 0.025}, {@code 12.5}); the same in
 * every locale.
 */
final class TickFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  private final NumberFormat compact;

  TickFormat() {
    compact = NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT);
    compact.setMaximumFractionDigits(2);
  }

  @Override
  public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
    if (Math.abs(v) >= 1000) {
      return compact.format(v, to, pos);
    }
    if (v == 0 || !Double.isFinite(v)) {
      return to.append(v == 0 ? "0" : Double.toString(v));
    }
    return to.append(
        new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString());
  }

  @Override
  public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
    return format((double) v, to, pos);
  }

  @Override
  public Number parse(String source, ParsePosition pos) {
    throw new UnsupportedOperationException("tick labels are only written");
  }
}
