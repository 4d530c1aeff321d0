package org.convnetexplorer.options;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.occlusion.OcclusionSensitivity;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.ComputeDevice;

/**
 * What an occlusion map is asked for, by every front end (the CLI's {@code occlusion}, Fiji's command and the ImageJ 1
 * plugin), named as their macro keys, with the defaults of {@link OcclusionJob.Settings}.
 */
public final class OcclusionOptions extends NetworkOptions {

	private static final OcclusionJob.Settings JOB_DEFAULTS = new OcclusionJob.Settings();

	/** The macro keys, in dialog order; none ends another (see {@link ScanOptions#KEYS}). */
	public static final List<String> KEYS = List.of("image", "unit", "layer", "size", "stride", "model", "weights",
		"input", "mean", "std", "normalize", "output", "overwrite", "device", "batch");

	public File image;
	public int unit;
	/** Empty: the built-in AlexNet's conv5 (a model needs one). */
	public String layer = JOB_DEFAULTS.layer.name();
	public int size = OcclusionJob.Settings.SIZE;
	public int stride = OcclusionJob.Settings.STRIDE;
	public File output;
	public boolean overwrite;
	public String device = JobSettings.DEVICE;
	public int batch = OcclusionJob.Settings.BATCH;
	public int threads = JobSettings.THREADS;

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
		settings.cache = weightsFolder();
		settings.network = network();
		if (layer == null || layer.isBlank()) {
			if (NetworkChoice.given(model)) throw new IllegalArgumentException("layer is needed with a model");
		}
		else settings.layer = settings.network.layer(layer.trim());
		settings.output = output.toPath();
		settings.overwrite = overwrite;
		settings.device = ComputeDevice.fromId(device);
		settings.batch = batch;
		settings.threads = threads;
		settings.check();
		return settings;
	}
}
