package io.arrayflow.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReportFormatTest {
  private final Table table =
      Table.withColumns("layer", "macs", "energy")
          .row("conv1", 105415200L, 1.5)
          .row("a,b", 7L, 1234567.891234)
          .build();

  @Test
  void rendersAlignedTextWithNumbersOnTheRight() {
    assertEquals(
        "layer       macs   energy\n"
            + "-----  ---------  -------\n"
            + "conv1  105415200      1.5\n"
            + "a,b            7  1234570\n",
        ReportFormat.TABLE.render(table));
  }

  @Test
  void rendersCsvWithHeaderQuotingAndPlainNumbers() {
    assertEquals(
        "layer,macs,energy\nconv1,105415200,1.5\n\"a,b\",7,1234570\n",
        ReportFormat.CSV.render(table));
  }

  @Test
  void rendersJsonRecordsInColumnOrder() {
    String json = ReportFormat.JSON.render(table);
    assertEquals(true, json.contains("\"layer\" : \"conv1\",\n    \"macs\" : 105415200,"), json);
  }

  @Test
  void namedFailsListingTheValidFormats() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.named("xml"));
    assertEquals(
        "unknown format 'xml'; expected one of table, csv, json, markdown", e.getMessage());
  }

  @Test
  void rendersMarkdownWithNumbersRightAlignedAndPipesEscaped() {
    Table t = Table.withColumns("layer", "macs").row("a|b", 7L).row("conv1", 105415200L).build();
    assertEquals(
        "| layer | macs |\n| --- | ---: |\n| a\\|b | 7 |\n| conv1 | 105415200 |\n",
        ReportFormat.MARKDOWN.render(t));
  }
}
