package org.convnetexplorer.job;

import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.scan.ScanMonitor;

/** What a front end hears of a job: status lines, download and scan progress, skipped files; and its cancel. */
public interface JobListener extends ScanMonitor, NetworkListener {

	/** Polled between batches of a scan and while a download runs: true stops either. */
	@Override
	boolean cancelled();

	/**
	 * Progress of work counted in other things than scanned images, e.g. deconvnet projections; by default shown as a
	 * scan's.
	 *
	 * @param what what is counted, as {@link #countText} words it: "patches projected"
	 */
	default void progress(String what, int done, int total, double perSecond) {
		progress(done, total, perSecond);
	}

	/** "120 of 1152 patches projected, 5.2/s, 3 min 40 s left". */
	static String countText(String what, int done, int total, double perSecond) {
		String text = String.format("%d of %d %s, %.1f/s", done, total, what, perSecond);
		if (perSecond <= 0 || done >= total) return text;
		long s = Math.round((total - done) / perSecond);
		return text + ", " + (s < 60 ? s + " s" : s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " +
			s / 60 % 60 + " min") + " left";
	}
}
