package io.arrayflow.energy;

/**
 * What a memory or network value in a table is per: one access block whatever its width, one word
 * of the table's {@code word_bits}, or one bit. The only way memory energy scales with access
 * width.
 */
enum Per {
  BLOCK("block"),
  WORD("word"),
  BIT("bit");

  private final String key;

  Per(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }

  /** The energy of one access of {@code blockBits}, given the table's {@code value}. */
  double perAccess(double value, int blockBits, int wordBits) {
    switch (this) {
      case BLOCK:
        return value;
      case WORD:
        return value * blockBits / wordBits;
      case BIT:
        return value * blockBits;
      default:
        throw new AssertionError(this);
    }
  }
}
