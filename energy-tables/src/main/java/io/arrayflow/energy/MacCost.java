package io.arrayflow.energy;

/**
 * The energy of one MAC: either a whole-MAC curve by operand bits ({@code add} null) or a multiply
 * by operand bits plus an add by accumulator bits.
 */
record MacCost(BitsCurve multiplyOrWhole, BitsCurve add) {

  boolean isWhole() {
    return add == null;
  }

  double at(int weightBits, int inputBits, int accumulatorBits, String table) {
    int operandBits = Math.max(weightBits, inputBits);
    if (isWhole()) {
      return multiplyOrWhole.at(operandBits, table);
    }
    return multiplyOrWhole.at(operandBits, table) + add.at(accumulatorBits, table);
  }
}
