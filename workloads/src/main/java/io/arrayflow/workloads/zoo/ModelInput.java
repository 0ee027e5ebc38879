package io.arrayflow.workloads.zoo;

/**
 * The size of one model instance: batch, sequence length in tokens (transformers; for GPT-2 the
 * prompt length, decode attends over {@code seq + 1} positions) and square image side in pixels
 * (vision models and ViT). Fields a model does not use are ignored.
 */
public record ModelInput(int batch, int seq, int imageSize) {

  /** Validates that every field is >= 1. */
  public ModelInput {
    if (batch < 1 || seq < 1 || imageSize < 1) {
      throw new IllegalArgumentException(
          "batch, seq and imageSize must be >= 1, were " + batch + ", " + seq + ", " + imageSize);
    }
  }
}
