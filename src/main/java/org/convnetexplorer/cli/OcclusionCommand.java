package org.convnetexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.convnetexplorer.deconv.OcclusionJob;
import org.convnetexplorer.deconv.OcclusionSensitivity;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.weights.WeightsCache;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "occlusion", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Maps where one unit looks in an image by occluding it (Zeiler & Fergus 2013, section 4.2).",
		"Slides a grey square (the mean pixel) over the network's input (224x224 for AlexNet) and records the unit's maximum at each",
		"position. Writes occlusion.tif (32-bit: the maximum and its drop per position) and occlusion-overlay.png",
		"(the drop over the input: red where occluding lowers the unit, blue where it raises it)." })
final class OcclusionCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--image", required = true, paramLabel = "FILE", description = "The image to occlude.")
	Path image;

	@Option(names = "--output", required = true, paramLabel = "DIR",
		description = "Folder for the results; must be new or empty unless --overwrite.")
	Path output;

	@Option(names = "--weights", paramLabel = "FILE.pth|imagenet|demo", defaultValue = "demo",
		description = "As for scan (default: ${DEFAULT-VALUE}).")
	String weights;

	@Mixin
	ModelOptions model;

	@Option(names = "--layer", paramLabel = "NAME", description = "The unit's layer (default: conv5; needed with --model).")
	String layer;

	@Option(names = "--unit", required = true, paramLabel = "N", description = "The unit, 0-based.")
	int unit;

	@Option(names = "--size", paramLabel = "PX", defaultValue = "32",
		description = "Side of the grey square in input pixels (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--stride", paramLabel = "PX", defaultValue = "8",
		description = "Step of the square in input pixels (default: ${DEFAULT-VALUE}).")
	int stride;

	@Option(names = "--overwrite", description = "Write into an output folder that is not empty.")
	boolean overwrite;

	@Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", description = "As for scan (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "Occluded copies per network run (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "TensorFlow threads; 0 uses all cores.")
	int threads;

	@Option(names = "--cache", paramLabel = "DIR", description = "As for scan.")
	Path cache;

	@Override
	public Integer call() throws Exception {
		OcclusionJob.Settings settings = new OcclusionJob.Settings();
		try {
			settings.image = image;
			settings.output = output;
			settings.weights = weights;
			settings.cache = cache != null ? cache : WeightsCache.defaultDirectory();
			settings.network = model.network(spec, weights, settings.cache);
			if (layer == null && model.model != null) throw new IllegalArgumentException("--layer is needed with --model");
			if (layer != null) settings.layer = settings.network.layer(layer);
			settings.unit = unit;
			settings.size = size;
			settings.stride = stride;
			settings.overwrite = overwrite;
			settings.device = ComputeDevice.fromId(device);
			settings.batch = batch;
			settings.threads = threads;
			settings.check();
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		PrintWriter err = spec.commandLine().getErr();
		OcclusionSensitivity result = OcclusionJob.run(settings, new ConsoleProgress(err)).sensitivity;
		float[] drop = result.dropMap();
		int largest = 0;
		for (int i = 1; i < drop.length; i++)
			if (drop[i] > drop[largest]) largest = i;
		err.printf("Done: %s unit %d, %f unoccluded; largest drop %f with the square's corner at x=%d y=%d; results in %s%n",
			result.layer.name(), result.unit, result.unoccluded, drop[largest], largest % result.steps * result.stride,
			largest / result.steps * result.stride, output);
		return 0;
	}
}
