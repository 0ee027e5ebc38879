/**
 * The manifest written beside CSV/JSON results: what was run (arrayflow version, git commit, the
 * command line, the resolved architecture and its hash, overrides, seed), as deterministic JSON.
 */
package io.arrayflow.reports.manifest;
