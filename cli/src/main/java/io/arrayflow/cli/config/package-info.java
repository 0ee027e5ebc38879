/**
 * Loading of YAML configs (architectures, workloads, mappings, sweeps) into validated records: a
 * YAML tree that remembers where each value came from, a reader that collects every error in a file
 * before failing once, nearest-key suggestions, and {@code --set} overrides.
 */
package io.arrayflow.cli.config;
