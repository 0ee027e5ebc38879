package io.arrayflow.sim.spec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * An off-chip memory beside the architecture's {@code dram} ({@code memories:} in YAML), serving
 * the operands it names: the TPU v1 reads weights from its DDR3 weight memory and moves activations
 * between host memory and the unified buffer over PCIe (Jouppi et al., ISCA 2017). The {@code dram}
 * block serves every operand no memory here names.
 *
 * @param name the memory's name in results and messages ({@code host}); not {@code dram}
 * @param serves the operands whose off-chip transfers go to this memory (at least one)
 * @param spec its model, bandwidth and timing, as for {@code dram}
 */
public record MemorySpec(String name, Set<Operand> serves, DramSpec spec) {

  /** Validates the fields and copies {@code serves}. */
  public MemorySpec {
    Violations v = new Violations();
    v.check(
        name != null && name.matches("[A-Za-z0-9_-]+") && !name.equals(ArchSpec.DRAM),
        "name",
        name,
        "must be letters, digits, '-' or '_', and not '" + ArchSpec.DRAM + "'");
    v.check(
        serves != null && !serves.isEmpty(), "serves", serves, "must name at least one operand");
    v.required("spec", spec);
    v.throwIfAny();
    EnumSet<Operand> copy = EnumSet.noneOf(Operand.class);
    copy.addAll(serves);
    serves = Collections.unmodifiableSet(copy);
  }
}
