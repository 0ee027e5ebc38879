/** CSV/JSON/Markdown writers and JFreeChart charts. */
package io.arrayflow.reports;
