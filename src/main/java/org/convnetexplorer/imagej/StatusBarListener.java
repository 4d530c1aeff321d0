package org.convnetexplorer.imagej;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.TopPatchesJob;

import ij.IJ;

/**
 * Shows a job's progress in the status bar (images done of total, rate, time left) and lets the user cancel it with
 * Esc, as ImageJ users expect; {@code cancelRequested} (SciJava's cancel) and an interrupt of the job's thread cancel
 * it too. The scan polls this between batches, so a cancel takes effect after the batch in flight.
 */
public final class StatusBarListener implements JobListener {

	private static final long STATUS_INTERVAL_NANOS = 250_000_000L;

	private final StatusBar bar;
	private final BooleanSupplier cancelRequested;
	private long lastStatus;

	/** Call on the thread that runs the job: its interrupt cancels the job too. */
	public StatusBarListener(StatusBar bar, BooleanSupplier cancelRequested) {
		this.bar = bar;
		Thread jobThread = Thread.currentThread();
		this.cancelRequested = () -> cancelRequested.getAsBoolean() || jobThread.isInterrupted();
		IJ.resetEscape();
	}

	@Override
	public void status(String message) {
		bar.log(message);
		bar.showStatus(message);
	}

	@Override
	public synchronized void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {
		if (!due() && bytesSoFar != totalBytes) return;
		if (totalBytes > 0) bar.showProgress((int) (bytesSoFar >> 10), (int) (totalBytes >> 10));
		bar.showStatus(downloadText(bytesSoFar, totalBytes, bytesPerSecond));
	}

	@Override
	public synchronized void progress(int done, int total, double imagesPerSecond) {
		bar.showProgress(done, total);
		if (due() || done == total) bar.showStatus(scanText(done, total, imagesPerSecond));
	}

	@Override
	public synchronized void progress(String what, int done, int total, double perSecond) {
		bar.showProgress(done, total);
		if (due() || done == total) bar.showStatus("ConvNet Explorer: " + JobListener.countText(what, done, total,
			perSecond) + " (Esc cancels)");
	}

	@Override
	public void skipped(String path, String reason) {
		bar.log("Skipped " + path + ": " + reason);
	}

	@Override
	public boolean cancelled() {
		return IJ.escapePressed() || cancelRequested.getAsBoolean();
	}

	/** What the status bar and log say when a job is done. */
	public static String finishedText(TopPatchesJob.Outcome outcome, Path output) {
		return String.format("ConvNet Explorer: %d images scanned, %d skipped%s; results in %s", outcome.scan.scanned,
			outcome.scan.skipped, outcome.scan.partial ? " (cancelled: partial results)" : "", output);
	}

	static String scanText(int done, int total, double imagesPerSecond) {
		String text = String.format("ConvNet Explorer: %d/%d images, %.1f images/s", done, total, imagesPerSecond);
		if (imagesPerSecond > 0 && done < total) text += ", " + timeLeft((total - done) / imagesPerSecond);
		return text + " (Esc cancels)";
	}

	static String downloadText(long bytesSoFar, long totalBytes, double bytesPerSecond) {
		String text = String.format("Downloading AlexNet weights: %.1f", bytesSoFar / 1e6);
		if (totalBytes < 0) return text + String.format(" MB, %.1f MB/s", bytesPerSecond / 1e6);
		text += String.format(" of %.1f MB, %.1f MB/s", totalBytes / 1e6, bytesPerSecond / 1e6);
		return bytesPerSecond > 0 ? text + ", " + timeLeft((totalBytes - bytesSoFar) / bytesPerSecond) : text;
	}

	static String timeLeft(double seconds) {
		long s = Math.round(seconds);
		if (s < 60) return s + " s left";
		if (s < 3600) return s / 60 + " min " + s % 60 + " s left";
		return s / 3600 + " h " + s / 60 % 60 + " min left";
	}

	private boolean due() {
		long now = System.nanoTime();
		if (now - lastStatus < STATUS_INTERVAL_NANOS) return false;
		lastStatus = now;
		return true;
	}
}
