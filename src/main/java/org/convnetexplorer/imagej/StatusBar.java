package org.convnetexplorer.imagej;

/** Where a running job's messages go: ImageJ 1's status bar and Log window, or SciJava's status and log services. */
public interface StatusBar {

	void showStatus(String message);

	void showProgress(int done, int total);

	/** A line kept for later reading (which device, what was skipped). */
	void log(String message);
}
