package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * One storage level of a {@link Hierarchy}: its name as used in mappings ({@code dram}, {@code
 * glb}, {@code rf}, {@code rf.weights}, …), the operands it can hold, its capacity (divided among
 * its tile buffers: halved when double-buffered) and the bandwidth of one instance.
 *
 * @param name the level's name, unique in its hierarchy
 * @param canKeep operands this level can hold; a mapping keeps a subset (default: all of them)
 * @param capacity what one instance holds, in words or bits (a PE-local level has one instance per
 *     PE)
 * @param buffers tile buffers (>= 1): one tile may use {@code 1/buffers} of the capacity, the rest
 *     holds the next tiles
 * @param bandwidth words per cycle of one instance
 */
public record StorageLevel(
    String name, Set<Role> canKeep, Capacity capacity, int buffers, Bandwidth bandwidth) {

  /** Copies {@code canKeep}; a level that can keep nothing is a programming error. */
  public StorageLevel {
    if (name == null || name.isBlank() || name.equals(Hierarchy.ARRAY)) {
      throw new IllegalArgumentException("invalid storage level name '" + name + "'");
    }
    if (canKeep.isEmpty()) {
      throw new IllegalArgumentException("storage level " + name + " can keep no operand");
    }
    if (buffers < 1) {
      throw new IllegalArgumentException("storage level " + name + " needs >= 1 buffer");
    }
    canKeep = Set.copyOf(EnumSet.copyOf(canKeep));
  }

  /** A level with two tile buffers ({@code doubleBuffered}) or one. */
  public StorageLevel(
      String name,
      Set<Role> canKeep,
      Capacity capacity,
      boolean doubleBuffered,
      Bandwidth bandwidth) {
    this(name, canKeep, capacity, doubleBuffered ? 2 : 1, bandwidth);
  }

  /** Whether at least two tile buffers let the next tile load while one is used. */
  public boolean doubleBuffered() {
    return buffers >= 2;
  }

  /** A level that can keep every operand, with unbounded bandwidth. */
  public static StorageLevel of(String name, Capacity capacity, boolean doubleBuffered) {
    return new StorageLevel(
        name, EnumSet.allOf(Role.class), capacity, doubleBuffered, Bandwidth.unbounded());
  }

  /** The same level with another bandwidth. */
  public StorageLevel withBandwidth(Bandwidth b) {
    return new StorageLevel(name, canKeep, capacity, buffers, b);
  }

  /** The same level restricted to the given operands. */
  public StorageLevel keeping(Set<Role> roles) {
    return new StorageLevel(name, roles, capacity, buffers, bandwidth);
  }
}
