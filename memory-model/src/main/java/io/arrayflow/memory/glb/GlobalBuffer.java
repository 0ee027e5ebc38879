package io.arrayflow.memory.glb;

import io.arrayflow.memory.PortSchedule;
import io.arrayflow.sim.kernel.Component;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The global buffer ({@link GlbSpec}): {@code banks} banks of {@code bankWidthBits}-bit words,
 * word-interleaved (word address {@code a} lives in bank {@code a mod banks}), each bank serving at
 * most {@code portsPerBank} accesses per cycle first-come first-served, so a bank conflict costs a
 * cycle. Counts one access per bank word at level GLB under its operand and action; the cycles an
 * access waits beyond the conflict-free time are stall cycles caused by {@code GLB_BANK}, and each
 * delayed request counts one {@code BANK_CONFLICTS}. Holds one {@link TileBuffers} per kept
 * operand.
 */
public final class GlobalBuffer implements Component {

  private final String name;
  private final GlbSpec spec;
  private final Precision precision;
  private final PortSchedule[] banks;
  private final long totalWords;
  private final EnumMap<Operand, TileBuffers> tiles = new EnumMap<>(Operand.class);
  private final Counters counters;
  private long streamBank;

  /** A global buffer named {@code name} built from {@code spec}, sized for {@code precision}. */
  public GlobalBuffer(String name, GlbSpec spec, Precision precision) {
    this.name = name;
    this.spec = spec;
    this.precision = precision;
    this.banks = new PortSchedule[spec.banks()];
    for (int b = 0; b < banks.length; b++) {
      banks[b] = new PortSchedule(spec.portsPerBank());
    }
    this.totalWords = spec.bankWords() * spec.banks();
    for (Operand operand : spec.keep()) {
      tiles.put(operand, new TileBuffers(spec.buffers()));
    }
    this.counters = new Counters(name);
  }

  @Override
  public String name() {
    return name;
  }

  /** The spec this buffer was built from. */
  public GlbSpec spec() {
    return spec;
  }

  /** Values of {@code operand} per bank word ({@code bankWidthBits / precision}). */
  public int valuesPerWord(Operand operand) {
    return spec.bankWidthBits() / precision.bits(operand);
  }

  /** Bank words needed to hold {@code values} values of {@code operand}. */
  public long wordsFor(Operand operand, long values) {
    int perWord = valuesPerWord(operand);
    return (values + perWord - 1) / perWord;
  }

  /** Bytes {@code operand} may occupy: its partition, else the shared rest; 0 if bypassed. */
  public long capacityBytes(Operand operand) {
    if (!spec.keeps(operand)) {
      return 0;
    }
    long partition = spec.partitionBytes(operand);
    return partition > 0 ? partition : spec.sharedBytes();
  }

  /** Bytes one tile of {@code operand} may occupy: the capacity over the number of buffers. */
  public long tileCapacityBytes(Operand operand) {
    return capacityBytes(operand) / spec.buffers();
  }

  /**
   * Why tiles of the given sizes (bytes per operand) do not fit, or empty if they do: each
   * partitioned operand within its half (or whole) partition, the others together within the shared
   * rest, and no bytes for a bypassed operand. An expected outcome, so a value, not an exception.
   */
  public Optional<String> capacityProblem(Map<Operand, Long> tileBytes) {
    long shared = 0;
    long sharedLimit = spec.sharedBytes() / spec.buffers();
    for (Map.Entry<Operand, Long> entry : new EnumMap<>(tileBytes).entrySet()) {
      Operand operand = entry.getKey();
      long bytes = entry.getValue();
      if (bytes <= 0) {
        continue;
      }
      if (!spec.keeps(operand)) {
        return Optional.of(operand.key() + " bypasses the GLB but needs " + bytes + " bytes");
      }
      if (spec.partitionBytes(operand) > 0) {
        if (bytes > tileCapacityBytes(operand)) {
          return Optional.of(
              operand.key()
                  + " tile of "
                  + bytes
                  + " bytes exceeds its "
                  + tileCapacityBytes(operand)
                  + "-byte partition"
                  + halfNote());
        }
      } else {
        shared += bytes;
      }
    }
    if (shared > sharedLimit) {
      return Optional.of(
          "tiles of "
              + shared
              + " bytes exceed the "
              + sharedLimit
              + "-byte shared buffer"
              + halfNote());
    }
    return Optional.empty();
  }

  private String halfNote() {
    return spec.buffers() > 1 ? " (1/" + spec.buffers() + ", " + spec.buffers() + " buffers)" : "";
  }

  /** The tile buffers of kept {@code operand}. */
  public TileBuffers tiles(Operand operand) {
    requireKept(operand);
    return tiles.get(operand);
  }

  /**
   * One access of {@code action} (READ, FILL or UPDATE) to bank word {@code wordAddress} of kept
   * {@code operand}, requested at {@code cycle}; returns the completion cycle ({@code cycle + 1}
   * without a conflict).
   */
  public long access(long cycle, Operand operand, AccessAction action, long wordAddress) {
    return accessRange(cycle, operand, action, wordAddress, 1);
  }

  /**
   * {@code words} accesses to consecutive bank words from {@code firstWordAddress} (wrapping around
   * the buffer: a pass may read the same tile many times), all requested at {@code cycle}; returns
   * the cycle the last completes. Conflict-free this takes {@code ceil(words / (banks *
   * portsPerBank))} cycles.
   */
  public long accessRange(
      long cycle, Operand operand, AccessAction action, long firstWordAddress, long words) {
    requireKept(operand);
    if (action != AccessAction.READ
        && action != AccessAction.FILL
        && action != AccessAction.UPDATE) {
      throw new IllegalArgumentException("a GLB access is read, fill or update, was " + action);
    }
    if (words < 1 || firstWordAddress < 0) {
      throw new IllegalArgumentException(
          "need words >= 1 and an address >= 0, was " + words + " words at " + firstWordAddress);
    }
    int bankCount = banks.length;
    long perBank = words / bankCount;
    long extra = words % bankCount;
    int firstBank = (int) (firstWordAddress % totalWords % bankCount);
    long lastServed = cycle;
    for (int offset = 0; offset < bankCount; offset++) {
      long count = perBank + (offset < extra ? 1 : 0);
      if (count > 0) {
        int bank = (firstBank + offset) % bankCount;
        lastServed = Math.max(lastServed, banks[bank].reserve(cycle, count));
      }
    }
    long completion = lastServed + 1;
    long ports = (long) bankCount * spec.portsPerBank();
    long idealCycles = (words + ports - 1) / ports;
    long stall = completion - cycle - idealCycles;
    counters.add(Level.GLB, operand, action, words);
    counters.addBusy(cycle, completion);
    if (stall > 0) {
      counters.addStall(StallCause.GLB_BANK, stall);
      counters.add(Metric.BANK_CONFLICTS, 1);
    }
    return completion;
  }

  /**
   * {@code words} (>= 1) accesses of a unit of work (say, one pass of an array) to consecutive bank
   * words from where the previous such call ended, all requested at {@code cycle}; returns the
   * cycle the last completes. Only port time is modelled: the accesses are counted by whoever
   * issues them, so they are not counted here; busy cycles and bank conflicts are.
   */
  public long accessStream(long cycle, long words) {
    if (words < 1) {
      throw new IllegalArgumentException("words must be >= 1, was " + words);
    }
    int bankCount = banks.length;
    long perBank = words / bankCount;
    long extra = words % bankCount;
    long lastServed = cycle;
    if (perBank == 0) {
      for (long i = 0; i < extra; i++) {
        int bank = (int) ((streamBank + i) % bankCount);
        lastServed = Math.max(lastServed, banks[bank].reserve(cycle, 1));
      }
    } else {
      for (int offset = 0; offset < bankCount; offset++) {
        int bank = (int) ((streamBank + offset) % bankCount);
        long count = perBank + (offset < extra ? 1 : 0);
        lastServed = Math.max(lastServed, banks[bank].reserve(cycle, count));
      }
    }
    streamBank = (streamBank + extra) % bankCount;
    long completion = lastServed + 1;
    long ports = (long) bankCount * spec.portsPerBank();
    long stall = completion - cycle - (words + ports - 1) / ports;
    counters.addBusy(cycle, completion);
    if (stall > 0) {
      counters.addStall(StallCause.GLB_BANK, stall);
      counters.add(Metric.BANK_CONFLICTS, 1);
    }
    return completion;
  }

  private void requireKept(Operand operand) {
    if (!spec.keeps(operand)) {
      throw new IllegalArgumentException(
          operand.key() + " bypasses the GLB (keep is " + spec.keep() + ")");
    }
  }

  @Override
  public Stats stats() {
    return counters.snapshot();
  }
}
