/**
 * The whole run behind every front end: a scan (settings, network, scan, montages, run.json), a merge of shard
 * runs, and the parts of run.json they share.
 */
package org.convnetexplorer.job;
