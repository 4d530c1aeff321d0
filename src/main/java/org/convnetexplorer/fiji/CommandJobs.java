package org.convnetexplorer.fiji;

import java.util.function.BooleanSupplier;

import org.convnetexplorer.imagej.StatusBarListener;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;

/** How every ConvNet Explorer SciJava command runs its job and reports the outcome. */
final class CommandJobs {

	/** A job fed the Fiji status bar and the command's cancel. */
	interface Job<T> {
		T run(StatusBarListener listener) throws Exception;
	}

	private CommandJobs() {}

	/**
	 * Runs the job; a failure is thrown (and logged by SciJava) so that {@code --run}, macros and CommandService callers
	 * see it, as "ConvNet Explorer [what ]failed: reason".
	 */
	static <T> T run(String what, StatusService status, LogService log, BooleanSupplier canceled, Job<T> job) {
		try {
			return job.run(new StatusBarListener(new ServiceStatusBar(status, log), canceled));
		}
		catch (Exception e) {
			status.clearStatus();
			throw new IllegalStateException("ConvNet Explorer " + (what.isEmpty() ? "" : what + " ") + "failed: " +
				e.getMessage(), e);
		}
	}

	/** The one line that says what was written: in the Log and the status bar. */
	static void finished(String line, StatusService status, LogService log) {
		log.info(line);
		status.showStatus(line);
	}
}
