package org.convnetexplorer.imagej;

import ij.IJ;

/** ImageJ 1's status bar, progress bar and Log window (stdout when headless). */
public final class ImageJStatusBar implements StatusBar {

	@Override
	public void showStatus(String message) {
		IJ.showStatus(message);
	}

	@Override
	public void showProgress(int done, int total) {
		IJ.showProgress(done, total);
	}

	@Override
	public void log(String message) {
		IJ.log(message);
	}
}
