package io.arrayflow.workloads.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-MAC layer that runs on the vector unit: its kind, how many elements it processes, and the
 * shape the vector unit needs to compute and move it. {@code elements} is the tensor size for
 * element-wise ops and row ops, and the number of window reads (outputs × window area) for pooling;
 * ops are {@code elements × kind.opsPerElement()}. Never folded into MACs.
 *
 * <p>Shape: the elements are {@code rows() × rowLength} (a row op — softmax, the norms, rope —
 * reduces or rotates within a row; for an element-wise op the row is only how the tensor is laid
 * out); each of the {@link VectorKind#inputTensors()} inputs holds {@code inputElements} and the
 * output {@code outputElements} (both {@code elements} except for pooling); rope reads a cos/sin
 * table of {@code tableElements} ({@code positions × rowLength}, interleaved cos, sin per pair),
 * row {@code r} of the input using table row {@code (r / tableRowRepeat) % positions} (the heads of
 * one token share a position); a softmax scales its row by {@code scale} first and, with {@code
 * causalQueries > 0}, masks it: row {@code r} is query {@code r % causalQueries} of the last {@code
 * causalQueries} positions and sees keys {@code 0 .. r % causalQueries + rowLength −
 * causalQueries}.
 *
 * @param name the layer's name
 * @param kind what the op computes
 * @param elements elements processed (window reads for pooling)
 * @param rowLength elements per row, dividing {@code elements}
 * @param inputElements elements of each input tensor
 * @param outputElements elements of the output
 * @param tableElements rope's table elements, 0 for other kinds
 * @param tableRowRepeat consecutive rows sharing a table row (rope: the heads), 1 otherwise
 * @param scale softmax's input scale (1/√d in attention), 1 otherwise
 * @param causalQueries softmax's causal queries per row block, 0 when unmasked
 */
public record VectorOpSpec(
    String name,
    VectorKind kind,
    long elements,
    long rowLength,
    long inputElements,
    long outputElements,
    long tableElements,
    int tableRowRepeat,
    float scale,
    int causalQueries) {

  /** Validates every field (see {@link #problems(VectorKind, long, long)} and the shape rules). */
  public VectorOpSpec {
    List<String> problems = problems(kind, elements, rowLength);
    if (problems.isEmpty()) {
      shape(
          problems,
          kind,
          elements,
          rowLength,
          inputElements,
          outputElements,
          tableElements,
          tableRowRepeat,
          scale,
          causalQueries);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("layer '" + name + "': " + String.join("; ", problems));
    }
  }

  /**
   * An op of {@code elements} given by count alone: one row of all the elements, inputs and output
   * of the same size, rope with a one-position table, softmax unscaled and unmasked.
   */
  public VectorOpSpec(String name, VectorKind kind, long elements) {
    this(
        name,
        kind,
        elements,
        elements,
        elements,
        elements,
        kind.readsTable() ? elements : 0,
        1,
        1f,
        0);
  }

  /** An op over {@code rows × rowLength} elements (softmax unscaled and unmasked). */
  public static VectorOpSpec rows(String name, VectorKind kind, long rows, long rowLength) {
    long elements = product(name, rows, rowLength);
    return new VectorOpSpec(
        name,
        kind,
        elements,
        rowLength,
        elements,
        elements,
        kind.readsTable() ? rowLength : 0,
        1,
        1f,
        0);
  }

  /**
   * Attention's softmax over {@code rows} rows of {@code keys} scores, each scaled by {@code scale}
   * and, with {@code causalQueries > 0}, causally masked (see the type's description).
   */
  public static VectorOpSpec softmax(
      String name, long rows, int keys, float scale, int causalQueries) {
    long elements = product(name, rows, keys);
    return new VectorOpSpec(
        name, VectorKind.SOFTMAX, elements, keys, elements, elements, 0, 1, scale, causalQueries);
  }

  /**
   * Rope over {@code rows} rows of {@code headDim} (one per token and head, tokens outer), with a
   * table of {@code positions} rows; {@code heads} consecutive rows share one position.
   */
  public static VectorOpSpec rope(String name, long rows, int headDim, int positions, int heads) {
    long elements = product(name, rows, headDim);
    return new VectorOpSpec(
        name,
        VectorKind.ROPE,
        elements,
        headDim,
        elements,
        elements,
        (long) positions * headDim,
        heads,
        1f,
        0);
  }

  /** A pooling op of {@code windowReads} reading {@code inputs} and writing {@code outputs}. */
  public static VectorOpSpec pool(
      String name, VectorKind kind, long windowReads, long inputs, long outputs) {
    return new VectorOpSpec(name, kind, windowReads, windowReads, inputs, outputs, 0, 1, 1f, 0);
  }

  /**
   * Every reason {@code elements} of {@code kind} do not form a valid op, empty if they do, e.g.
   * {@code "elements: must be >= 1, was 0"}.
   */
  public static List<String> problems(VectorKind kind, long elements) {
    return problems(kind, elements, elements);
  }

  /**
   * Every reason {@code elements} of {@code kind} in rows of {@code rowLength} do not form a valid
   * op, empty if they do: elements and the row length are at least 1, the row length divides the
   * elements and the ops are at most {@link CountLimit#MAX}.
   */
  public static List<String> problems(VectorKind kind, long elements, long rowLength) {
    List<String> out = new ArrayList<>();
    if (elements < 1) {
      out.add("elements: must be >= 1, was " + elements);
    } else {
      String tooMany =
          CountLimit.checkProduct(
              "ops (elements × " + kind.opsPerElement() + " for " + kind.key() + ")",
              elements,
              kind.opsPerElement());
      if (tooMany != null) {
        out.add(tooMany);
      }
      if (rowLength < 1 || elements % rowLength != 0) {
        out.add(
            "row_length: must be >= 1 and divide elements (" + elements + "), was " + rowLength);
      }
    }
    return out;
  }

  private static void shape(
      List<String> out,
      VectorKind kind,
      long elements,
      long rowLength,
      long inputElements,
      long outputElements,
      long tableElements,
      int tableRowRepeat,
      float scale,
      int causalQueries) {
    if (!kind.pooling() && (inputElements != elements || outputElements != elements)) {
      out.add(
          "inputs and outputs must equal elements ("
              + elements
              + ") for "
              + kind.key()
              + ", were "
              + inputElements
              + " and "
              + outputElements);
    }
    if (inputElements < 1 || outputElements < 1 || inputElements > CountLimit.MAX) {
      out.add(
          "inputs and outputs: must be in 1..2^53, were " + inputElements + ", " + outputElements);
    }
    if (kind.readsTable()
        ? tableElements < rowLength || tableElements % rowLength != 0
        : tableElements != 0) {
      out.add(
          "table: "
              + (kind.readsTable() ? "must be whole rows of " + rowLength : "only rope reads one")
              + ", was "
              + tableElements);
    }
    if (tableRowRepeat < 1) {
      out.add("heads: must be >= 1, was " + tableRowRepeat);
    }
    if (!(scale > 0) || Float.isInfinite(scale) || (kind != VectorKind.SOFTMAX && scale != 1f)) {
      out.add("scale: must be finite and > 0, and 1 except for softmax; was " + scale);
    }
    if (causalQueries < 0
        || (causalQueries > 0
            && (kind != VectorKind.SOFTMAX
                || causalQueries > rowLength
                || (elements / rowLength) % causalQueries != 0))) {
      out.add(
          "causal queries: a softmax's must be in 1.."
              + rowLength
              + " (the keys) and divide its rows ("
              + elements / rowLength
              + "), was "
              + causalQueries);
    }
  }

  private static long product(String name, long a, long b) {
    String tooLarge = CountLimit.checkProduct("elements", Math.max(1, a), Math.max(1, b));
    if (tooLarge != null) {
      throw new IllegalArgumentException("layer '" + name + "': " + tooLarge);
    }
    return a * b;
  }

  /** Scalar ops: {@code elements × kind.opsPerElement()}, at most {@link CountLimit#MAX}. */
  public long ops() {
    return elements * kind.opsPerElement();
  }

  /** Rows: {@code elements / rowLength}. */
  public long rows() {
    return elements / rowLength;
  }

  /** This op renamed {@code newName}. */
  public VectorOpSpec named(String newName) {
    return new VectorOpSpec(
        newName,
        kind,
        elements,
        rowLength,
        inputElements,
        outputElements,
        tableElements,
        tableRowRepeat,
        scale,
        causalQueries);
  }

  /**
   * The first {@code newRows} rows of this op (at least one, at most {@link #rows()}; not for
   * pooling): a smaller copy for verification.
   */
  public VectorOpSpec firstRows(long newRows) {
    if (kind.pooling() || newRows < 1 || newRows > rows()) {
      throw new IllegalArgumentException(
          "first rows: need 1.." + rows() + " rows of a non-pooling op, was " + newRows);
    }
    long rowsKept = newRows;
    if (causalQueries > 0) {
      rowsKept = Math.max(causalQueries, rowsKept / causalQueries * causalQueries);
    }
    if (tableRowRepeat > 1) {
      rowsKept = Math.max(tableRowRepeat, rowsKept / tableRowRepeat * tableRowRepeat);
    }
    long e = rowsKept * rowLength;
    return new VectorOpSpec(
        name, kind, e, rowLength, e, e, tableElements, tableRowRepeat, scale, causalQueries);
  }
}
