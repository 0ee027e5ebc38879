package io.arrayflow.memory.glb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TileBuffersTest {

  /**
   * Fills and consumes {@code tiles} tiles as early as the buffers allow; returns the end cycle.
   */
  private static long run(TileBuffers buffers, int tiles, long fillCycles, long consumeCycles) {
    long fillFree = 0;
    long consumeFree = 0;
    int filledTiles = 0;
    int consumedTiles = 0;
    while (consumedTiles < tiles) {
      boolean canFill = filledTiles < tiles && filledTiles - consumedTiles < buffers.buffers();
      if (canFill) {
        long start = buffers.fillStartCycle(fillFree);
        fillFree = start + fillCycles;
        buffers.filled(fillFree);
        filledTiles++;
      } else {
        long start = buffers.consumeStartCycle(consumeFree);
        consumeFree = start + consumeCycles;
        buffers.consumed(consumeFree);
        consumedTiles++;
      }
    }
    return consumeFree;
  }

  @Test
  void doubleBufferingOverlapsTheNextFillWithTheCurrentConsumption() {
    assertEquals(10 + 4 * 30, run(new TileBuffers(2), 4, 10, 30));
    assertEquals(4 * 30 + 10, run(new TileBuffers(2), 4, 30, 10));
  }

  @Test
  void aSingleBufferSerializesFillAndConsumption() {
    assertEquals(4 * (10 + 30), run(new TileBuffers(1), 4, 10, 30));
  }

  @Test
  void refusesToConsumeATileNotYetFilled() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new TileBuffers(2).consumeStartCycle(0));
    assertEquals("tile 0 has not been filled", e.getMessage());
  }

  @Test
  void refusesToOverwriteATileNotYetConsumed() {
    TileBuffers buffers = new TileBuffers(1);
    buffers.fillStartCycle(0);
    buffers.filled(5);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> buffers.fillStartCycle(0));
    assertEquals("tile 1 needs tile 0 consumed first", e.getMessage());
  }
}
