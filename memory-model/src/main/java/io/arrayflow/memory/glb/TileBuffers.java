package io.arrayflow.memory.glb;

/**
 * The tile buffers of one operand on chip (its GLB space, or a FIFO such as the TPU's weight FIFO):
 * {@code buffers} of them. Tile {@code k} goes into buffer {@code k mod buffers}; it may start
 * filling once tile {@code k - buffers} has been consumed from that buffer, and may be consumed
 * once it is filled. With two buffers the fill of tile {@code k + 1} overlaps the consumption of
 * tile {@code k}; with {@code n}, the fills of the next {@code n − 1} tiles do. Calls must follow
 * the protocol {@code fillStartCycle, filled, ..., consumeStartCycle, consumed}; breaking it
 * throws.
 */
public final class TileBuffers {

  private final long[] readyCycle;
  private final long[] freeCycle;
  private long filling = -1;
  private long filled;
  private long consuming = -1;
  private long consumed;

  /** {@code buffers} (>= 1) empty buffers, free from cycle 0. */
  public TileBuffers(int buffers) {
    if (buffers < 1) {
      throw new IllegalArgumentException("buffers must be >= 1, was " + buffers);
    }
    readyCycle = new long[buffers];
    freeCycle = new long[buffers];
  }

  /** Number of buffers. */
  public int buffers() {
    return readyCycle.length;
  }

  /** Tiles filled so far. */
  public long tilesFilled() {
    return filled;
  }

  /** Tiles consumed so far. */
  public long tilesConsumed() {
    return consumed;
  }

  /** Cycle the next tile to fill may start, without starting it: its buffer's free cycle. */
  public long nextFillFreeCycle() {
    return filled - consumed >= buffers() ? Long.MAX_VALUE : freeCycle[(int) (filled % buffers())];
  }

  /**
   * Starts filling the next tile: returns the cycle the fill may begin, the later of {@code
   * earliestCycle} and the cycle its buffer was freed.
   */
  public long fillStartCycle(long earliestCycle) {
    if (filling >= 0) {
      throw new IllegalStateException("tile " + filling + " is still being filled");
    }
    if (filled - consumed >= buffers()) {
      throw new IllegalStateException(
          "tile " + filled + " needs tile " + (filled - buffers()) + " consumed first");
    }
    filling = filled;
    return Math.max(earliestCycle, freeCycle[(int) (filling % buffers())]);
  }

  /** Ends the fill begun by {@link #fillStartCycle}: the tile is ready at {@code cycle}. */
  public void filled(long cycle) {
    if (filling < 0) {
      throw new IllegalStateException("no fill in progress");
    }
    readyCycle[(int) (filling % buffers())] = cycle;
    filling = -1;
    filled++;
  }

  /**
   * Starts consuming the next filled tile: returns the cycle consumption may begin, the later of
   * {@code earliestCycle} and the cycle the tile was ready.
   */
  public long consumeStartCycle(long earliestCycle) {
    if (consuming >= 0) {
      throw new IllegalStateException("tile " + consuming + " is still being consumed");
    }
    if (consumed >= filled) {
      throw new IllegalStateException("tile " + consumed + " has not been filled");
    }
    consuming = consumed;
    return Math.max(earliestCycle, readyCycle[(int) (consuming % buffers())]);
  }

  /**
   * Ends the consumption begun by {@link #consumeStartCycle}: its buffer is free at {@code cycle}.
   */
  public void consumed(long cycle) {
    if (consuming < 0) {
      throw new IllegalStateException("no consumption in progress");
    }
    freeCycle[(int) (consuming % buffers())] = cycle;
    consuming = -1;
    consumed++;
  }
}
