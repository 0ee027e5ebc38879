package io.arrayflow.sim.spec;

/** One processing element ({@code pe:}): its MAC unit and its register files. */
public record PeSpec(MacSpec mac, RfSpec rf) {

  /** Validates that both parts are present. */
  public PeSpec {
    new Violations().required("mac", mac).required("rf", rf).throwIfAny();
  }

  /** The documented defaults: {@link MacSpec#defaults()} and {@link RfSpec#defaults()}. */
  public static PeSpec defaults() {
    return new PeSpec(MacSpec.defaults(), RfSpec.defaults());
  }
}
