package io.arrayflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintTest {
  private static final Map<String, Double> ARCH =
      Map.of("pe_array.rows", 16.0, "pe_array.cols", 14.0, "glb.size_kib", 108.0);

  private static boolean holds(String text) {
    return Constraint.parse(text).holds(ARCH::get);
  }

  @Test
  void comparesArithmeticOverArchPaths() {
    assertTrue(holds("pe_array.rows * pe_array.cols <= 256"));
    assertFalse(holds("pe_array.rows * pe_array.cols < 224"));
    assertTrue(holds("(pe_array.rows + 2) / 2 == 9"));
    assertTrue(holds("pe_array.rows % 5 == 1 and -pe_array.cols < 0"));
    assertTrue(holds("glb.size_kib > 200 or pe_array.rows != 8"));
  }

  @Test
  void knowsThePathsItReads() {
    assertEquals(
        Set.of("pe_array.rows", "glb.size_kib"),
        Constraint.parse("pe_array.rows * 2 <= glb.size_kib").paths());
  }

  @Test
  void aSyntaxErrorSaysWhere() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Constraint.parse("rows * <= 4"));
    assertEquals("unexpected '<' at character 8 of 'rows * <= 4'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Constraint.parse("(rows <= 4"));
    assertEquals("expected ')' at character 11 of '(rows <= 4'", e.getMessage());
  }
}
