package io.arrayflow.sim.spec;

/**
 * One register file (scratch pad) of a PE: capacity in words and read/write ports, i.e. words read
 * or written per cycle ({@code pe.rf.weights:}, … or {@code pe.rf.shared:}).
 */
public record RfFileSpec(int words, int readPorts, int writePorts) {

  /** Validates capacity and ports. */
  public RfFileSpec {
    Violations v = new Violations();
    v.atLeast("words", words, 1);
    v.atLeast("read_ports", readPorts, 1);
    v.atLeast("write_ports", writePorts, 1);
    v.throwIfAny();
  }

  /** A file of {@code words} words with the default one read and one write port. */
  public static RfFileSpec of(int words) {
    return new RfFileSpec(words, 1, 1);
  }
}
