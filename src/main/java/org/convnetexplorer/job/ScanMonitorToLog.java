package org.convnetexplorer.job;

import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.scan.ScanMonitor;

/** Passes scan events to the listener and records skipped files in skipped.csv. */
final class ScanMonitorToLog implements ScanMonitor {

	private final JobListener listener;
	private final SkippedLog log;

	ScanMonitorToLog(JobListener listener, SkippedLog log) {
		this.listener = listener;
		this.log = log;
	}

	@Override
	public void progress(int done, int total, double imagesPerSecond) {
		listener.progress(done, total, imagesPerSecond);
	}

	@Override
	public void skipped(String path, String reason) {
		log.add(path, reason);
		listener.skipped(path, reason);
	}

	@Override
	public boolean cancelled() {
		return listener.cancelled();
	}
}
