/**
 * A run's files: topk.csv, skipped.csv, winners.csv and run.json written through one quoting writer and read back,
 * and the output folder that never overwrites what is not ours.
 */
package org.convnetexplorer.results;
