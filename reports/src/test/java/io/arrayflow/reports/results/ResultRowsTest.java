package io.arrayflow.reports.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultRowsTest {
  @Test
  void readsQuotedCellsWithCommasQuotesAndTheLastLineWithoutANewline() {
    ResultRows rows =
        ResultRows.parseCsv("arch,energy\n\"eyeriss[a=1,b=2]\",1.5\n\"say \"\"hi\"\"\",2");
    assertEquals(List.of("arch", "energy"), rows.columns());
    assertEquals("eyeriss[a=1,b=2]", rows.text(rows.rows().get(0), "arch"));
    assertEquals("say \"hi\"", rows.text(rows.rows().get(1), "arch"));
    assertEquals(2.0, rows.number(rows.rows().get(1), "energy"));
  }

  @Test
  void anEmptyCellIsNotANumber() {
    ResultRows rows = ResultRows.parseCsv("a,b\n1,\n");
    assertEquals(Double.NaN, rows.number(rows.rows().get(0), "b"));
  }

  @Test
  void rejectsARowWithTheWrongNumberOfCells() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ResultRows.parseCsv("a,b\n1,2,3\n"));
    assertEquals("row 2 has 3 cells, the header has 2", e.getMessage());
  }
}
