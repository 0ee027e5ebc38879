/**
 * Adapters from the architecture spec ({@code sim-core}'s {@code ArchSpec}, one YAML file) to the
 * mapping model's storage {@code Hierarchy}: which storage levels exist, what each can keep and how
 * much it holds, so that mappings, the dataflow families and the executors all run on the
 * architecture the user wrote.
 */
package io.arrayflow.dataflows.arch;
