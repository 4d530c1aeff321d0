package org.convnetexplorer.scan;

import java.util.Map;

import org.convnetexplorer.network.Layer;

/** The outcome of a scan: each layer's top-k, the counts, and whether it ran to the end. */
public final class ScanResult {

	public final Map<Layer, UnitTopK> topK;
	/** Files listed, and files and folders the listing left out (with --recursive, a folder it cannot read). */
	public final int total;
	public final int scanned;
	/** Of {@link #total}, those skipped, listing's left-outs included: one for each line of skipped.csv. */
	public final int skipped;
	/** True when cancelled before every image was seen: the top-k covers only what was scanned. */
	public final boolean partial;
	public final double seconds;
	/** Of {@link #seconds}, the time the network itself ran. */
	public final double forwardSeconds;

	public ScanResult(Map<Layer, UnitTopK> topK, int total, int scanned, int skipped, boolean partial,
		double seconds, double forwardSeconds)
	{
		this.topK = topK;
		this.total = total;
		this.scanned = scanned;
		this.skipped = skipped;
		this.partial = partial;
		this.seconds = seconds;
		this.forwardSeconds = forwardSeconds;
	}
}
