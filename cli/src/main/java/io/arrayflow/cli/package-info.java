/** The picocli command line: config loading, the commands of the CLI contract, and sweeps. */
package io.arrayflow.cli;
