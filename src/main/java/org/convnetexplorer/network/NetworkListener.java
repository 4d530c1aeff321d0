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

	/**
	 * One plain line. TF's own reason, where it merely found no GPU device, is a device dump that reads like an error:
	 * it becomes a sentence; any other reason (a GPU that failed) is kept.
	 */
	static String gpuFallbackMessage(String reason) {
		boolean noGpuDevice = reason.contains("Cannot assign a device") && !reason.matches("(?s).*available devices are \\[[^]]*GPU.*");
		return noGpuDevice
			? "Computing on the CPU: TensorFlow finds no GPU (its CPU build, or no CUDA device)"
			: "Computing on the CPU: the GPU could not be used (" + reason + ")";
	}
}
