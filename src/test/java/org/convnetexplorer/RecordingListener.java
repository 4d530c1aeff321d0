package org.convnetexplorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.convnetexplorer.job.JobListener;

/** Records what a job reports; can cancel after a number of progress calls. */
public final class RecordingListener implements JobListener {

	public final List<String> statuses = new ArrayList<>();
	public final Map<String, String> skipped = new TreeMap<>();
	public final List<Integer> done = new ArrayList<>();
	private final int cancelAfterProgressCalls;

	private RecordingListener(int cancelAfterProgressCalls) {
		this.cancelAfterProgressCalls = cancelAfterProgressCalls;
	}

	public static RecordingListener quiet() {
		return new RecordingListener(Integer.MAX_VALUE);
	}

	public static RecordingListener cancellingAfter(int progressCalls) {
		return new RecordingListener(progressCalls);
	}

	@Override
	public synchronized void status(String message) {
		statuses.add(message);
	}

	@Override
	public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}

	@Override
	public synchronized void progress(int doneImages, int total, double imagesPerSecond) {
		done.add(doneImages);
	}

	@Override
	public synchronized void skipped(String path, String reason) {
		skipped.put(path, reason);
	}

	@Override
	public synchronized boolean cancelled() {
		return done.size() >= cancelAfterProgressCalls;
	}
}
