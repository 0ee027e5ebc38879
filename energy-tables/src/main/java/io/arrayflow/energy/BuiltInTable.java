package io.arrayflow.energy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The closed set of tables shipped as resources, each parsed once on first use. */
enum BuiltInTable {
  EYERISS_65NM("eyeriss-65nm"),
  HOROWITZ_45NM("horowitz-45nm"),
  ACCELERGY_LIKE("accelergy-like");

  private final String tableName;
  private volatile EnergyModel model;

  BuiltInTable(String tableName) {
    this.tableName = tableName;
  }

  String tableName() {
    return tableName;
  }

  String resource() {
    return "tables/" + tableName + ".yaml";
  }

  String yaml() {
    try (InputStream in = BuiltInTable.class.getResourceAsStream(resource())) {
      if (in == null) {
        throw new IllegalStateException("built-in energy table resource missing: " + resource());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  EnergyModel model() {
    EnergyModel m = model;
    if (m == null) {
      // A race only parses twice; both results are equal and immutable.
      m = new EnergyModel(TableParser.parse(yaml(), tableName + ".yaml"));
      model = m;
    }
    return m;
  }
}
