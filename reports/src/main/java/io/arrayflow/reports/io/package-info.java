/** Writing report files whole or not at all: content goes to a temporary sibling, then moves. */
package io.arrayflow.reports.io;
