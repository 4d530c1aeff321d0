package org.convnetexplorer.explorer.window;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.nio.file.Path;

import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.WindowConstants;

import org.convnetexplorer.job.JobListener;

/**
 * A scan started with a display, before its results exist: the window's message line, progress bar (images done of
 * all, time left) and Stop (or Esc), which stops the scan after the batch in flight; what was scanned is still written,
 * marked partial. It gives way to the run's explorer window, which opens at the same place.
 */
public final class ScanWindow extends JFrame {

	private static final long serialVersionUID = 1L;

	private final TaskBar tasks = new TaskBar();
	private final TaskBar.Progress progress;

	private ScanWindow(Path output) {
		super("ConvNet Explorer: " + output.getFileName() + " (scanning)");
		setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
		JLabel what = new JLabel("Scanning into " + output + ". Its results open here when it ends; Stop keeps what " +
			"was scanned.");
		what.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
		getContentPane().add(what, BorderLayout.CENTER);
		getContentPane().add(tasks, BorderLayout.SOUTH);
		tasks.bindEscape(getRootPane());
		progress = tasks.begin("Scanning");
		setPreferredSize(new Dimension(900, 130));
		pack();
		ExplorerWindow.placeBelowImageJ(this);
		setVisible(true);
	}

	/** Opens the window for a scan into {@code output} (from any thread). */
	public static ScanWindow open(Path output) {
		ScanWindow[] window = new ScanWindow[1];
		ExplorerWindow.onEventThread(() -> window[0] = new ScanWindow(output));
		return window[0];
	}

	/** The scan's listener: {@code also} hears everything too (ImageJ's status bar); either's cancel stops the scan. */
	public JobListener listener(JobListener also) {
		JobListener window = new TaskListener(progress);
		return new JobListener() {
			@Override
			public void status(String message) {
				also.status(message);
				window.status(message);
			}

			@Override
			public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {
				also.update(bytesSoFar, totalBytes, bytesPerSecond);
				window.update(bytesSoFar, totalBytes, bytesPerSecond);
			}

			@Override
			public void progress(int done, int total, double imagesPerSecond) {
				also.progress(done, total, imagesPerSecond);
				window.progress(done, total, imagesPerSecond);
			}

			@Override
			public void skipped(String path, String reason) {
				also.skipped(path, reason);
				window.skipped(path, reason);
			}

			@Override
			public void gpuFallback(String reason) {
				also.gpuFallback(reason);
				window.gpuFallback(reason);
			}

			@Override
			public boolean cancelled() {
				return also.cancelled() || window.cancelled();
			}
		};
	}

	/** The scan ended: the window goes (the run's explorer window takes its place). */
	public void close() {
		ExplorerWindow.onEventThread(() -> {
			tasks.end();
			dispose();
		});
	}
}
