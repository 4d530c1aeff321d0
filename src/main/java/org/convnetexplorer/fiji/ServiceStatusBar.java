package org.convnetexplorer.fiji;

import org.convnetexplorer.imagej.StatusBar;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;

/** SciJava's status and log services: in Fiji they reach ImageJ's status bar and Console or Log. */
final class ServiceStatusBar implements StatusBar {

	private final StatusService status;
	private final LogService log;

	ServiceStatusBar(StatusService status, LogService log) {
		this.status = status;
		this.log = log;
	}

	@Override
	public void showStatus(String message) {
		status.showStatus(message);
	}

	@Override
	public void showProgress(int done, int total) {
		status.showProgress(done, total);
	}

	@Override
	public void log(String message) {
		log.info(message);
	}
}
