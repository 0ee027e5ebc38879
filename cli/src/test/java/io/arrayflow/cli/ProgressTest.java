package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final AtomicLong now = new AtomicLong();
  private final StringWriter text = new StringWriter();

  private Progress progress(boolean terminal) {
    return new Progress(new PrintWriter(text), "sweep s", 4, terminal, now::get);
  }

  @Test
  void workThatEndsWithinTwoSecondsShowsNothing() {
    Progress p = progress(false);
    now.set(1999);
    p.advance(4);
    p.finish();
    assertEquals("", text.toString());
  }

  @Test
  void withoutATerminalAPlainLineNowAndThenAndAtTheEnd() {
    Progress p = progress(false);
    now.set(2500);
    p.advance(1);
    now.set(5000);
    p.advance(1);
    now.set(12_600);
    p.advance(1);
    now.set(13_000);
    p.advance(1);
    p.finish();
    assertEquals(
        "sweep s: 1/4 (25%) 3 s\nsweep s: 3/4 (75%) 13 s\nsweep s: 4/4 (100%) 13 s\n",
        text.toString());
  }

  @Test
  void onATerminalABarRedrawnInPlace() {
    Progress p = progress(true);
    now.set(3000);
    p.advance(2);
    p.finish();
    String bar = "[" + "#".repeat(15) + " ".repeat(15) + "] sweep s: 2/4 (50%) 3 s";
    assertEquals("\r" + bar + "\r" + bar + "\n", text.toString());
  }
}
