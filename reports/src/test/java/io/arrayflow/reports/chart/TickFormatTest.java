package io.arrayflow.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TickFormatTest {
  private final TickFormat f = new TickFormat();

  @Test
  void largeValuesAreCompactAndSmallOnesKeepThreeSignificantDigits() {
    assertEquals("85M", f.format(85_000_000));
    assertEquals("2.5K", f.format(2500));
    assertEquals("0.025", f.format(0.025));
    assertEquals("0.0333", f.format(1 / 30.0));
    assertEquals("12.5", f.format(12.5));
    assertEquals("0", f.format(0));
  }
}
