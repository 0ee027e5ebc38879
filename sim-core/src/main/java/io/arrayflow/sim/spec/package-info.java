/**
 * Immutable architecture spec records, one per block of an architecture YAML file (see {@code
 * configs/arch/reference.yaml}), with record components named as the camelCase of the YAML keys.
 * Every record validates itself on construction: it collects all of its violations as {@link
 * io.arrayflow.sim.spec.SpecViolation}s and throws one {@link
 * io.arrayflow.sim.spec.InvalidSpecException}, whose paths a loader prefixes with the enclosing
 * YAML path. Cross-field rules live in the record that holds both fields.
 */
package io.arrayflow.sim.spec;
