/** The discrete-event kernel, architecture spec records, statistics and results. */
package io.arrayflow.sim;
