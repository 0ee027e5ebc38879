package io.arrayflow.dataflows.run;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a decoder's KV cache lives on an architecture (docs/transformers.md, "The KV cache"). The
 * attention matmuls read keys and values as their weights operand, so the cache can stay on chip
 * only if the GLB keeps weights; it does when the whole cache — keys and values of every layer and
 * sequence, at the weights' width — fits the weights' GLB space: their partition, or their share of
 * the pool the kept operands without a partition divide (as the systolic fold plan gives each).
 * Then the attention layers run with weights resident ({@code glb.resident}, so the executors read
 * the cache from the GLB and move nothing off chip); otherwise without (the cache streams from the
 * memory that serves weights, every step). Like {@code glb.resident}, the space the cache holds is
 * not taken from the other layers' tiles: the model is layer by layer.
 *
 * @param onChip whether the cache stays in the GLB
 * @param cacheBytes the whole cache's bytes
 * @param spaceBytes the GLB space of weights (0 if the GLB does not keep them)
 */
public record KvCachePlacement(boolean onChip, long cacheBytes, long spaceBytes) {

  /** Where a cache of {@code elements} values lives on {@code arch}. */
  public static KvCachePlacement of(ArchSpec arch, long elements) {
    GlbSpec glb = arch.glb();
    long bytes = (Math.multiplyExact(elements, (long) arch.precision().weights()) + 7) / 8;
    long space = 0;
    if (glb.keeps(Operand.WEIGHTS)) {
      int sharers = 0;
      for (Operand op : Operand.values()) {
        sharers += glb.keeps(op) && glb.partitionBytes(op) == 0 ? 1 : 0;
      }
      long partition = glb.partitionBytes(Operand.WEIGHTS);
      space = partition > 0 ? partition : glb.sharedBytes() / sharers;
    }
    return new KvCachePlacement(space > 0 && bytes <= space, bytes, space);
  }

  /** {@code glb} or {@code dram}. */
  public String where() {
    return onChip ? "glb" : "dram";
  }

  /** What a result row says: where the cache is, how large, and why. */
  public String note() {
    if (spaceBytes == 0) {
      return "kv cache " + mib(cacheBytes) + " in dram (the glb does not keep weights)";
    }
    return "kv cache "
        + mib(cacheBytes)
        + (onChip ? " in glb (weights' space " : " in dram (over the weights' glb space of ")
        + mib(spaceBytes)
        + ")";
  }

  /** {@code arch} with weights resident in the GLB exactly when the cache is on chip. */
  ArchSpec arch(ArchSpec arch) {
    GlbSpec g = arch.glb();
    if (g.resident(Operand.WEIGHTS) == onChip) {
      return arch;
    }
    Set<Operand> resident = EnumSet.noneOf(Operand.class);
    resident.addAll(g.resident());
    if (onChip) {
      resident.add(Operand.WEIGHTS);
    } else {
      resident.remove(Operand.WEIGHTS);
    }
    GlbSpec glb =
        new GlbSpec(
            g.sizeKiB(),
            g.banks(),
            g.bankWidthBits(),
            g.portsPerBank(),
            g.partition(),
            g.keep(),
            resident,
            g.buffers());
    return new ArchSpec(
        arch.name(),
        arch.description(),
        arch.clockMhz(),
        arch.energyTable(),
        arch.datatype(),
        arch.precision(),
        arch.peArray(),
        arch.pe(),
        arch.noc(),
        glb,
        arch.dram(),
        arch.memories(),
        arch.vectorUnit());
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.3g MiB", bytes / 1048576.0);
  }
}
