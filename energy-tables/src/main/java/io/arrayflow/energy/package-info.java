/** Per-action energy tables and the EnergyModel. */
package io.arrayflow.energy;
