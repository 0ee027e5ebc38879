package io.arrayflow.energy;

/** Network energy: one delivery of a word to a PE plus an energy per PE-to-PE hop. */
record NocCost(Per per, int wordBits, double delivery, double hop) {

  double at(int bits, int hops) {
    if (hops < 0) {
      throw new IllegalArgumentException("hops must be >= 0, was " + hops);
    }
    return per.perAccess(delivery + hop * hops, MemoryCost.checkBits(bits), wordBits);
  }
}
