/** Register files, global buffer and DRAM components with exact accounting. */
package io.arrayflow.memory;
