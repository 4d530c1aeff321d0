package org.convnetexplorer.imagej;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.convnetexplorer.deconv.OcclusionJob;
import org.convnetexplorer.deconv.OcclusionSensitivity;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.ComputeDevice;

/**
 * What Fiji's occlusion command and the ImageJ 1 plugin ask for, named as their macro keys (the CLI {@code occlusion}
 * options), with the defaults both dialogs start from.
 */
public final class OcclusionOptions extends NetworkOptions {

	private static final OcclusionJob.Settings JOB_DEFAULTS = new OcclusionJob.Settings();

	/** The macro keys, in dialog order; none ends another (see {@link TopPatchesOptions#KEYS}). */
	public static final List<String> KEYS = List.of("image", "unit", "layer", "size", "stride", "model", "weights",
		"input", "mean", "std", "output", "overwrite", "device", "batch");

	public File image;
	public int unit;
	public String layer = JOB_DEFAULTS.layer.name();
	public int size = JOB_DEFAULTS.size;
	public int stride = JOB_DEFAULTS.stride;
	public File output;
	public boolean overwrite;
	public String device = JOB_DEFAULTS.device.id();
	public int batch = JOB_DEFAULTS.batch;

	/** One line for the Log and status bar. */
	public static String finishedText(OcclusionSensitivity result, File output) {
		return "Occlusion of " + result.layer.name() + " unit " + result.unit + " (" + result.steps * result.steps +
			" positions) written to " + output;
	}

	/**
	 * @throws IllegalArgumentException naming the option that is wrong
	 * @throws IOException where the model cannot be used
	 */
	public OcclusionJob.Settings toJobSettings() throws IOException {
		if (image == null) throw new IllegalArgumentException("no image given");
		if (output == null) throw new IllegalArgumentException("no output folder given");
		OcclusionJob.Settings settings = new OcclusionJob.Settings();
		settings.image = image.toPath();
		settings.unit = unit;
		settings.size = size;
		settings.stride = stride;
		settings.weights = weights.trim();
		settings.cache = WeightsFolder.forImageJ();
		settings.network = NetworkChoice.network(model, input, mean, std, settings.weights, settings.cache);
		settings.layer = settings.network.layer(layer);
		settings.output = output.toPath();
		settings.overwrite = overwrite;
		settings.device = ComputeDevice.fromId(device);
		settings.batch = batch;
		settings.check();
		return settings;
	}
}
