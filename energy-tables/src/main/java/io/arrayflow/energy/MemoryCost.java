package io.arrayflow.energy;

/** Read and write energy of an on-chip memory level (RF or GLB) by size, per access width. */
record MemoryCost(Per per, int wordBits, SizeCurve read, SizeCurve write) {

  double read(long bytes, int blockBits) {
    return per.perAccess(read.at(bytes), checkBits(blockBits), wordBits);
  }

  double write(long bytes, int blockBits) {
    return per.perAccess(write.at(bytes), checkBits(blockBits), wordBits);
  }

  static int checkBits(int blockBits) {
    if (blockBits < 1) {
      throw new IllegalArgumentException("block bits must be >= 1, was " + blockBits);
    }
    return blockBits;
  }
}
