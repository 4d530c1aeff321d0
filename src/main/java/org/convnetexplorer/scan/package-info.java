/**
 * Streaming a folder through a network: decoders fill batches while the network runs, per-unit top-k tables.
 */
package org.convnetexplorer.scan;
