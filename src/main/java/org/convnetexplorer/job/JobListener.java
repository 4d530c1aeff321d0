package org.convnetexplorer.job;

import org.convnetexplorer.scan.ScanMonitor;
import org.convnetexplorer.weights.DownloadProgress;

/** What a front end hears of a job: status lines, download and scan progress, skipped files; and its cancel. */
public interface JobListener extends ScanMonitor, DownloadProgress {

	/** Polled between batches of a scan and while a download runs: true stops either. */
	@Override
	boolean cancelled();

	/** A line worth showing the user (which device computes, which phase runs). */
	void status(String message);

	/** With device=auto: the GPU could not be used, for this reason, and the CPU computes. */
	default void gpuFallback(String reason) {
		status("No usable GPU (" + reason + "): computing on the CPU");
	}
}
