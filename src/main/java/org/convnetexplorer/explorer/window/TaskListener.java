package org.convnetexplorer.explorer.window;

import org.convnetexplorer.job.JobListener;

/** A job's listener for a window task: status lines to the message line, progress to the bar, Stop to cancel. */
final class TaskListener implements JobListener {

	private final TaskBar.Progress progress;

	TaskListener(TaskBar.Progress progress) {
		this.progress = progress;
	}

	@Override
	public void status(String message) {
		progress.message(message);
	}

	@Override
	public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {
		if (totalBytes > 0) progress.progress((int) (bytesSoFar >> 20), (int) (totalBytes >> 20));
	}

	@Override
	public void progress(int done, int total, double imagesPerSecond) {
		progress.progress(done, total);
	}

	@Override
	public void skipped(String path, String reason) {
		progress.message("Skipped " + path + ": " + reason);
	}

	@Override
	public boolean cancelled() {
		return progress.cancelled();
	}
}
