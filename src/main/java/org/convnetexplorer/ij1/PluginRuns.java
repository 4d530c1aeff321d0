package org.convnetexplorer.ij1;

import org.convnetexplorer.imagej.ImageJStatusBar;
import org.convnetexplorer.imagej.StatusBarListener;

import ij.IJ;

/** How every ImageJ 1 plugin of ours feeds a job the status bar and reports what it wrote. */
final class PluginRuns {

	private PluginRuns() {}

	/** Progress in ImageJ's status bar; Esc cancels (StatusBarListener polls it). */
	static StatusBarListener listener() {
		return new StatusBarListener(new ImageJStatusBar(), () -> false);
	}

	/** The one line that says what was written: in the Log and the status bar. */
	static void finished(String line) {
		IJ.log(line);
		IJ.showStatus(line);
	}
}
