/** The functional reference engine, the model zoo and the canonical op specs. */
package io.arrayflow.workloads;
