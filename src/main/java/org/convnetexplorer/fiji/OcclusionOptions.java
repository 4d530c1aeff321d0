package org.convnetexplorer.fiji;

import java.io.File;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.deconv.OcclusionJob;
import org.convnetexplorer.network.AlexNetLayer;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.weights.WeightsSource;

/**
 * What Fiji's occlusion command and the ImageJ 1 plugin ask for, named as their macro keys (the CLI {@code occlusion}
 * options), with the defaults both dialogs start from.
 */
public final class OcclusionOptions {

	private static final OcclusionJob.Settings JOB_DEFAULTS = new OcclusionJob.Settings();

	/** The macro keys, in dialog order; none ends another (see {@link TopPatchesOptions#KEYS}). */
	public static final List<String> KEYS = List.of("image", "unit", "layer", "size", "stride", "weights", "output",
		"overwrite", "device", "batch");
	public static final List<String> LAYERS = Stream.of(AlexNetLayer.values()).map(AlexNetLayer::id)
		.collect(Collectors.toList());

	public File image;
	public int unit;
	public String layer = JOB_DEFAULTS.layer.id();
	public int size = JOB_DEFAULTS.size;
	public int stride = JOB_DEFAULTS.stride;
	/** The real network, as for the scan in Fiji. */
	public String weights = WeightsSource.IMAGENET;
	public File output;
	public boolean overwrite;
	public String device = JOB_DEFAULTS.device.id();
	public int batch = JOB_DEFAULTS.batch;

	/** @throws IllegalArgumentException naming the option that is wrong */
	public OcclusionJob.Settings toJobSettings() {
		if (image == null) throw new IllegalArgumentException("no image given");
		if (output == null) throw new IllegalArgumentException("no output folder given");
		OcclusionJob.Settings settings = new OcclusionJob.Settings();
		settings.image = image.toPath();
		settings.unit = unit;
		settings.layer = AlexNetLayer.fromId(layer);
		settings.size = size;
		settings.stride = stride;
		settings.weights = weights.trim();
		settings.cache = WeightsFolder.forImageJ();
		settings.output = output.toPath();
		settings.overwrite = overwrite;
		settings.device = ComputeDevice.fromId(device);
		settings.batch = batch;
		settings.check();
		return settings;
	}
}
