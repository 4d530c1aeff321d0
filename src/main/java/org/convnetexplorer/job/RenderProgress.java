package org.convnetexplorer.job;

import org.convnetexplorer.render.RenderMonitor;

/**
 * Drawing's progress as status lines, so that a long rendering is not silent: for a step that has run a second or
 * more, at most a line a second with the count and the time left.
 */
final class RenderProgress implements RenderMonitor {

	private static final long SECOND = 1_000_000_000L;

	private final JobListener listener;
	private String step;
	private long stepStart;
	private long lastLine;

	RenderProgress(JobListener listener) {
		this.listener = listener;
	}

	@Override
	public synchronized void progress(String step, int done, int total) {
		long now = System.nanoTime();
		if (!step.equals(this.step)) {
			this.step = step;
			stepStart = now;
			lastLine = now;
		}
		if (now - lastLine < SECOND) return;
		lastLine = now;
		double left = TimeLeft.seconds((now - stepStart) * 1e-9, done, total);
		listener.status(step + ": " + done + " of " + total + ", " + TimeLeft.format(left) + " left");
	}
}
