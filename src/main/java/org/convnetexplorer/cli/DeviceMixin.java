package org.convnetexplorer.cli;

import org.convnetexplorer.job.JobSettings;

import picocli.CommandLine.Option;

/** Where and on how many threads a network runs: the commands that run one (scan, deconv, occlusion, bench). */
final class DeviceMixin {

	@Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = JobSettings.DEVICE,
		description = "Where the network runs; auto takes the GPU when TensorFlow's GPU build finds one (default: " +
			"${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "" + JobSettings.THREADS,
		description = "TensorFlow threads; 0 uses all cores (at most " + JobSettings.THREADS_MAX + ").")
	int threads;
}
