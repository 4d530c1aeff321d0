package org.convnetexplorer.scan;

/** What a front end hears of a running scan, and how it cancels it. Called from the scanning threads. */
public interface ScanMonitor {

	/** Hears nothing and never cancels. */
	ScanMonitor NONE = new ScanMonitor() {
		@Override
		public void progress(int done, int total, double imagesPerSecond) {}

		@Override
		public void skipped(String path, String reason) {}

		@Override
		public boolean cancelled() {
			return false;
		}
	};

	/** After each batch: images done (scanned or skipped) of the total. */
	void progress(int done, int total, double imagesPerSecond);

	/** A file that could not be used; the scan goes on. */
	void skipped(String path, String reason);

	/** Polled between batches: true stops the scan, which then returns what it has. */
	boolean cancelled();
}
