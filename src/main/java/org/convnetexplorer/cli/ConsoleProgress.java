package org.convnetexplorer.cli;

import java.io.PrintWriter;

import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.TimeLeft;

/** Progress on stderr: at most one line a second, so logs of long runs stay readable. */
public final class ConsoleProgress implements JobListener {

	private final PrintWriter err;
	private long lastLine;
	private volatile boolean stopping;
	/** A download has started and not yet ended. */
	private volatile boolean downloading;
	/** The scan has gone through every file: what is written now is complete, not partial. */
	private volatile boolean scanComplete;

	public ConsoleProgress(PrintWriter err) {
		this.err = err;
	}

	@Override
	public void status(String message) {
		err.println(message);
	}

	@Override
	public synchronized void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {
		downloading = true;
		if (!due() && bytesSoFar != totalBytes) return;
		err.printf("Downloading: %.1f of %s MB, %.1f MB/s%n", bytesSoFar / 1e6,
			totalBytes < 0 ? "?" : String.format("%.1f", totalBytes / 1e6), bytesPerSecond / 1e6);
	}

	@Override
	public void finished() {
		downloading = false;
	}

	@Override
	public synchronized void progress(int done, int total, double imagesPerSecond) {
		if (done == total) scanComplete = true;
		if (!due() && done != total) return;
		double remaining = imagesPerSecond > 0 ? (total - done) / imagesPerSecond : 0;
		err.printf("Scanned %d of %d images, %.1f images/s, %s left%n", done, total, imagesPerSecond,
			TimeLeft.format(remaining));
	}

	@Override
	public synchronized void progress(String what, int done, int total, double perSecond) {
		if (due() || done == total) err.println(JobListener.countText(what, done, total, perSecond));
	}

	@Override
	public void skipped(String path, String reason) {
		err.println("Skipped " + path + ": " + reason);
	}

	@Override
	public boolean cancelled() {
		return stopping;
	}

	/**
	 * Asks the job to stop: a download at once (its .part file kept), a scan after the batch in flight (what was
	 * scanned is still written); a scan already complete is written in full. Says which.
	 */
	void stop() {
		stopping = true;
		if (downloading) err.println("Stopping: the download stops now; what it received is kept for the next run");
		else if (scanComplete) err.println("Stopping once the results are written: the scan is complete, so they are " +
			"complete too (not partial)");
		else err.println("Stopping: no image after the batch in flight; what was scanned is written, marked partial");
	}

	private boolean due() {
		long now = System.nanoTime();
		if (now - lastLine < 1_000_000_000L) return false;
		lastLine = now;
		return true;
	}

}
