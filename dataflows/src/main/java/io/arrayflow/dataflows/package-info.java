/** PE array, NoC, mappings, the WS/OS/IS/RS dataflows and the three executors. */
package io.arrayflow.dataflows;
