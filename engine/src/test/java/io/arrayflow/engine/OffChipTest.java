package io.arrayflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.MemorySpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OffChipTest {

  /**
   * On simple memories the idle completion is counted in blocks, not replayed request by request:
   * it must equal the replay, for block sizes that divide a request and ones that do not, several
   * operands on one memory or two, transfers of many requests, and running addresses.
   */
  @Test
  void idleCompletionOnSimpleMemoriesEqualsTheRequestByRequestReplay() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 400; trial++) {
      int[] blockBits = {8, 64, 192, 256, 520};
      ArchSpec.Builder b =
          ArchSpec.builder("t", 100 + rnd.nextInt(900), "eyeriss-65nm", new PeArraySpec(2, 2))
              .dram(simple(rnd, blockBits[rnd.nextInt(blockBits.length)]));
      if (rnd.nextBoolean()) {
        b.memories(
            List.of(
                new MemorySpec(
                    "host",
                    Set.of(Operand.values()[rnd.nextInt(3)]),
                    simple(rnd, blockBits[rnd.nextInt(blockBits.length)]))));
      }
      ArchSpec arch = b.build();
      long[] values = new long[4];
      long[] addresses = new long[4];
      for (int o = 0; o < 4; o++) {
        values[o] = rnd.nextInt(3) == 0 ? 0 : 1 + (long) (rnd.nextDouble() * (5L << 20));
        addresses[o] = rnd.nextBoolean() ? 0 : rnd.nextInt(1 << 22) * 8L;
      }
      long cycle = rnd.nextInt(1000);
      boolean write = rnd.nextBoolean();
      long got = new OffChip(arch, null).idleCompletion(cycle, values, addresses, write);
      OffChip replay = new OffChip(arch, null);
      for (int o = 0; o < 4; o++) {
        replay.address[o] = addresses[o];
      }
      long want = cycle;
      for (int o = 0; o < 4; o++) {
        if (values[o] > 0) {
          want = Math.max(want, replay.issue(cycle, o, values[o], write, null));
        }
      }
      assertEquals(want, got, "trial " + trial);
    }
  }

  /**
   * Past {@link OffChip#IDLE_REPLAY_BYTES} an idle timing memory's transfer is extrapolated at the
   * rate the replay kept after its first eighth: within 0.5% of replaying all of it, for each
   * preset, one operand or three on one memory, reads and writes.
   */
  @Test
  void aLongTransferOnAnIdleTimingMemoryIsExtrapolatedWithinHalfAPercent() {
    for (String model : List.of("ddr4-3200", "lpddr4-3200", "hbm2")) {
      ArchSpec arch =
          ArchSpec.builder("t", 1000, "eyeriss-65nm", new PeArraySpec(2, 2))
              .dram(DramSpec.preset(DramModel.named(model)))
              .build();
      for (long[] values :
          List.of(new long[] {40L << 20, 0, 0, 0}, new long[] {9L << 20, 30L << 20, 5L << 20, 0})) {
        for (boolean write : List.of(false, true)) {
          long got = new OffChip(arch, null).idleCompletion(0, values, new long[4], write);
          OffChip replay = new OffChip(arch, null);
          long want = 0;
          for (int o = 0; o < 4; o++) {
            if (values[o] > 0) {
              want = Math.max(want, replay.issue(0, o, values[o], write, null));
            }
          }
          String what = model + " " + Arrays.toString(values) + " write " + write;
          assertTrue(Math.abs(got - want) <= want / 200, what + ": " + got + " vs " + want);
        }
      }
    }
  }

  private static DramSpec simple(Random rnd, int blockBits) {
    return DramSpec.builder(DramModel.SIMPLE)
        .blockBits(blockBits)
        .bandwidthBytesPerCycle(0.3 + rnd.nextInt(64) / 3.0)
        .latencyCycles(rnd.nextInt(200))
        .build();
  }
}
