package io.arrayflow.workloads.zoo;

/**
 * A phase of a decoder's inference: the prefill of the prompt or one decode step, as a run of
 * consecutive layers of a {@link Workload}, with the tokens it produces and how long each sequence
 * is when it ends (reports show per-phase rows, tokens per second and energy per token).
 *
 * @param name {@code prefill} or {@code decode.K} (K from 1)
 * @param firstLayer index of its first layer in the workload
 * @param layerCount number of layers
 * @param tokens tokens it processes: {@code batch × prompt} for a prefill, {@code batch} per step
 * @param contextLength positions in each sequence's KV cache when the phase ends
 */
public record Phase(String name, int firstLayer, int layerCount, long tokens, long contextLength) {

  /** Validates that the fields are non-negative and the phase has layers and tokens. */
  public Phase {
    if (firstLayer < 0 || layerCount < 1 || tokens < 1 || contextLength < 0) {
      throw new IllegalArgumentException(
          "phase '"
              + name
              + "': needs firstLayer >= 0, layerCount >= 1, tokens >= 1, contextLength >= 0");
    }
  }

  /** Whether this is a decode step. */
  public boolean decode() {
    return name.startsWith("decode.");
  }

  /** Index just past its last layer. */
  public int endLayer() {
    return firstLayer + layerCount;
  }
}
