package io.arrayflow.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * DRAM read and write energy of the table's default technology, plus optional values per technology
 * name (e.g. {@code lpddr4}, {@code hbm2}).
 */
record DramCost(Per per, int wordBits, ReadWrite standard, Map<String, ReadWrite> technologies) {

  /** Read and write energy of one DRAM technology, in the table's unit and per. */
  record ReadWrite(double read, double write) {}

  DramCost {
    technologies = new TreeMap<>(technologies);
  }

  @Override
  public Map<String, ReadWrite> technologies() {
    return new TreeMap<>(technologies);
  }

  /**
   * The values of {@code technology}: {@code simple} or empty is the default; otherwise an exact
   * technology name, or the part before the first '-' ({@code lpddr4-3200} is {@code lpddr4}).
   */
  ReadWrite of(String technology, String table) {
    String key = technology.toLowerCase(Locale.ROOT);
    if (key.isEmpty() || key.equals("simple")) {
      return standard;
    }
    ReadWrite found = technologies.get(key);
    int dash = key.indexOf('-');
    if (found == null && dash > 0) {
      found = technologies.get(key.substring(0, dash));
    }
    if (found == null) {
      List<String> valid = new ArrayList<>();
      valid.add("simple");
      valid.addAll(technologies.keySet());
      throw new IllegalArgumentException(
          "energy table "
              + table
              + " has no DRAM technology '"
              + technology
              + "', valid: "
              + String.join(", ", valid));
    }
    return found;
  }
}
