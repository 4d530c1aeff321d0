package org.convnetexplorer.options;

import java.io.File;
import java.util.List;

import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.ProjectionMethod;

/**
 * What deconvnet projections are asked for, by every front end (the CLI's {@code deconv}, Fiji's command and the
 * ImageJ 1 plugin), named as their macro keys, with the defaults of {@link DeconvJob.Settings}.
 */
public final class DeconvOptions {

	/** The macro keys, in dialog order; none ends another (see {@link ScanOptions#KEYS}). */
	public static final List<String> KEYS = List.of("output", "layers", "method", "device", "batch", "cell");

	public File output;
	/** Empty: every layer the run has. */
	public String layers = "";
	/** {@link ProjectionMethod#id}: deconvnet or guided. */
	public String method = DeconvJob.Settings.METHOD;
	public String device = JobSettings.DEVICE;
	public int batch = DeconvJob.Settings.BATCH;
	public int cell = JobSettings.CELL;
	public int threads = JobSettings.THREADS;

	/** One line for the Log and status bar. */
	public static String finishedText(int layers, File output) {
		return "Deconvnet projections of " + layers + " layers written to " + output;
	}

	/** @throws IllegalArgumentException naming the option that is wrong */
	public DeconvJob.Settings toJobSettings() {
		DeconvJob.Settings settings = new DeconvJob.Settings();
		settings.output = output == null ? null : output.toPath();
		settings.layers = layers == null || layers.isBlank() ? List.of() : List.of(layers.split(","));
		settings.method = ProjectionMethod.fromId(method);
		settings.device = ComputeDevice.fromId(device);
		settings.batch = batch;
		settings.cell = cell;
		settings.threads = threads;
		settings.check();
		return settings;
	}
}
