package org.convnetexplorer.imagej;

import java.io.File;
import java.util.List;

import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.network.ComputeDevice;

/**
 * What Fiji's deconvnet command and the ImageJ 1 plugin ask for, named as their macro keys (the CLI {@code deconv}
 * options), with the defaults both dialogs start from.
 */
public final class DeconvOptions {

	private static final DeconvJob.Settings JOB_DEFAULTS = new DeconvJob.Settings();

	/** The macro keys, in dialog order; none ends another (see {@link TopPatchesOptions#KEYS}). */
	public static final List<String> KEYS = List.of("output", "layers", "device", "batch", "cell");

	public File output;
	/** Empty: every layer the run has. */
	public String layers = "";
	public String device = JOB_DEFAULTS.device.id();
	public int batch = JOB_DEFAULTS.batch;
	public int cell = JOB_DEFAULTS.cell;

	/** One line for the Log and status bar. */
	public static String finishedText(int layers, File output) {
		return "Deconvnet projections of " + layers + " layers written to " + output;
	}

	/** @throws IllegalArgumentException naming the option that is wrong */
	public DeconvJob.Settings toJobSettings() {
		DeconvJob.Settings settings = new DeconvJob.Settings();
		settings.output = output == null ? null : output.toPath();
		settings.layers = layers == null || layers.isBlank() ? List.of() : List.of(layers.split(","));
		settings.device = ComputeDevice.fromId(device);
		settings.batch = batch;
		settings.cell = cell;
		settings.check();
		return settings;
	}
}
