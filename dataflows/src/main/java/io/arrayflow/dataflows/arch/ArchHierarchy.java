package io.arrayflow.dataflows.arch;

import io.arrayflow.dataflows.mapping.Bandwidth;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The storage hierarchy an {@link ArchSpec} offers the mapping model, after the Eyeriss
 * organisation (Chen et al., JSSC 2017): PE-local register files, the PE array, the global buffer
 * and DRAM. A shared register file is one level {@code rf} keeping every operand; per-operand files
 * are nested levels {@code rf.outputs} (innermost), {@code rf.weights}, {@code rf.inputs}, each
 * keeping its own operand, and an operand without a file has no PE-local level (the network feeds
 * it to every MAC). Register-file capacities are in words. The GLB ({@code glb}, omitted when it
 * keeps nothing) keeps {@code glb.keep}, its capacity counted in bits: each partitioned operand
 * owns its KiB and the other kept operands share the rest, each word as wide as its operand's
 * precision; double buffering halves what a tile may use. DRAM ({@code dram}) is unbounded and
 * keeps all. Bandwidths are unbounded: the executors bound the network and DRAM themselves
 * (docs/execution.md).
 */
public final class ArchHierarchy {
  /** PE-local per-operand levels, innermost first. */
  private static final Role[] RF_NESTING = {Role.OUTPUTS, Role.WEIGHTS, Role.INPUTS};

  private ArchHierarchy() {}

  /** The storage hierarchy of {@code arch}: register files, array, GLB, DRAM. */
  public static Hierarchy of(ArchSpec arch) {
    List<StorageLevel> pe = new ArrayList<>();
    RfSpec rf = arch.pe().rf();
    if (rf.isShared()) {
      pe.add(level("rf", EnumSet.allOf(Role.class), Capacity.shared(rf.shared().words()), 1));
    } else {
      for (Role role : RF_NESTING) {
        Optional<RfFileSpec> file = rf.file(operand(role));
        if (file.isPresent()) {
          pe.add(
              level("rf." + role.key(), EnumSet.of(role), Capacity.shared(file.get().words()), 1));
        }
      }
    }
    List<StorageLevel> shared = new ArrayList<>();
    GlbSpec glb = arch.glb();
    EnumSet<Role> glbKeeps = EnumSet.noneOf(Role.class);
    for (Role role : Role.values()) {
      if (glb.keeps(operand(role))) {
        glbKeeps.add(role);
      }
    }
    if (!glbKeeps.isEmpty()) {
      shared.add(level("glb", glbKeeps, glbCapacity(glb, arch.precision()), glb.buffers()));
    }
    shared.add(level("dram", EnumSet.allOf(Role.class), Capacity.unbounded(), 1));
    return Hierarchy.of(pe, arch.peArray().rows(), arch.peArray().cols(), shared);
  }

  /** Partitions in bits for the operands that have one, the rest of the GLB as a shared pool. */
  static Capacity glbCapacity(GlbSpec glb, Precision precision) {
    Map<Role, Long> own = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      long bytes = glb.partitionBytes(operand(role));
      if (bytes > 0) {
        own.put(role, bytes * 8);
      }
    }
    return Capacity.partitioned(
        own, glb.sharedBytes() * 8, precision.weights(), precision.inputs(), precision.outputs());
  }

  private static StorageLevel level(String name, Set<Role> keeps, Capacity capacity, int buffers) {
    return new StorageLevel(name, keeps, capacity, buffers, Bandwidth.unbounded());
  }

  /** The sim-core operand of a role: the two enums list the same operands in the same order. */
  static Operand operand(Role role) {
    return Operand.values()[role.ordinal()];
  }
}
