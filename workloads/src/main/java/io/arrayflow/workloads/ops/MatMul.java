package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * Matrix multiply {@code A[rows][k] · B[k][cols]} and its batched form {@code A[b][rows][k] ·
 * B[b][k][cols]}, float32, row-major. The kernel runs i-k-j with k blocked so a slab of B stays in
 * cache and the innermost loop is a contiguous axpy over a row of B.
 */
public final class MatMul {
  private static final int K_BLOCK = 64;

  private MatMul() {}

  /** {@code a[rows][k] · b[k][cols]} → {@code [rows][cols]}. */
  public static FloatTensor matmul(FloatTensor a, FloatTensor b) {
    if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(0)) {
      throw new IllegalArgumentException(
          "matmul needs a[rows][k], b[k][cols], got " + a + " and " + b);
    }
    FloatTensor out = FloatTensor.zeros(a.dim(0), b.dim(1));
    gemm(a.data(), 0, b.data(), 0, out.data(), 0, a.dim(0), a.dim(1), b.dim(1));
    return out;
  }

  /** {@code a[batch][rows][k] · b[batch][k][cols]} → {@code [batch][rows][cols]}. */
  public static FloatTensor batched(FloatTensor a, FloatTensor b) {
    if (a.rank() != 3 || b.rank() != 3 || a.dim(0) != b.dim(0) || a.dim(2) != b.dim(1)) {
      throw new IllegalArgumentException(
          "batched matmul needs a[b][rows][k], b[b][k][cols], got " + a + " and " + b);
    }
    int batch = a.dim(0);
    int rows = a.dim(1);
    int k = a.dim(2);
    int cols = b.dim(2);
    FloatTensor out = FloatTensor.zeros(batch, rows, cols);
    for (int i = 0; i < batch; i++) {
      gemm(
          a.data(),
          i * rows * k,
          b.data(),
          i * k * cols,
          out.data(),
          i * rows * cols,
          rows,
          k,
          cols);
    }
    return out;
  }

  /** Swaps the last two axes of a rank-2 or rank-3 tensor (a copy). */
  public static FloatTensor transpose(FloatTensor x) {
    int rank = x.rank();
    if (rank != 2 && rank != 3) {
      throw new IllegalArgumentException("transpose needs rank 2 or 3, got " + x);
    }
    int batch = rank == 3 ? x.dim(0) : 1;
    int rows = x.dim(-2);
    int cols = x.dim(-1);
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int b = 0; b < batch; b++) {
      int base = b * rows * cols;
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          out[base + j * rows + i] = in[base + i * cols + j];
        }
      }
    }
    int[] shape = x.shape();
    shape[rank - 2] = cols;
    shape[rank - 1] = rows;
    return FloatTensor.of(out, shape);
  }

  /** Accumulates {@code a[rows][k] · b[k][cols]} into {@code c}, each at its offset. */
  static void gemm(
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int rows, int k, int cols) {
    for (int k0 = 0; k0 < k; k0 += K_BLOCK) {
      int k1 = Math.min(k, k0 + K_BLOCK);
      for (int i = 0; i < rows; i++) {
        int cRow = cOff + i * cols;
        int aRow = aOff + i * k;
        for (int kk = k0; kk < k1; kk++) {
          float av = a[aRow + kk];
          if (av == 0f) {
            continue;
          }
          int bRow = bOff + kk * cols;
          for (int j = 0; j < cols; j++) {
            c[cRow + j] += av * b[bRow + j];
          }
        }
      }
    }
  }
}
