package io.arrayflow.energy;

import java.util.EnumMap;
import java.util.Map;

/** One validated energy table, as read from YAML; {@code fpMac} is null when the table has none. */
record TableSpec(
    String name,
    String unit,
    String source,
    MacCost mac,
    MacCost fpMac,
    MemoryCost rf,
    NocCost noc,
    MemoryCost glb,
    DramCost dram,
    BitsCurve vector,
    Map<Level, Double> leakagePerCycle) {

  TableSpec {
    leakagePerCycle =
        leakagePerCycle.isEmpty() ? new EnumMap<>(Level.class) : new EnumMap<>(leakagePerCycle);
  }

  @Override
  public Map<Level, Double> leakagePerCycle() {
    return new EnumMap<>(leakagePerCycle);
  }
}
