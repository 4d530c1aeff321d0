package org.convnetexplorer.visualize;

import org.convnetexplorer.job.JobListener;

/** Listeners for tests. */
final class Listeners {

	/** Hears nothing, never cancels. */
	static final JobListener QUIET = new JobListener() {
		@Override
		public void status(String message) {}

		@Override
		public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}

		@Override
		public void progress(int done, int total, double imagesPerSecond) {}

		@Override
		public void skipped(String path, String reason) {}

		@Override
		public boolean cancelled() {
			return false;
		}
	};

	private Listeners() {}
}
