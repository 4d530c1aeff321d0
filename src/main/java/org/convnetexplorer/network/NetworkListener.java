package org.convnetexplorer.network;

import org.convnetexplorer.weights.DownloadProgress;

/** What a front end hears while a network is loaded and built: downloads, phases, and a GPU that could not be used. */
public interface NetworkListener extends DownloadProgress {

	/** A line worth showing the user (which file is loaded, which device computes). */
	void status(String message);

	/** With device=auto: the GPU could not be used, for this reason, and the CPU computes. */
	default void gpuFallback(String reason) {
		status(gpuFallbackMessage(reason));
	}

	static String gpuFallbackMessage(String reason) {
		return "No usable GPU (" + reason + "): computing on the CPU";
	}
}
