package org.convnetexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.occlusion.OcclusionSensitivity;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.options.OcclusionOptions;

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

	@Mixin
	OutputMixin output;

	@Mixin
	NetworkMixin network;

	@Option(names = "--layer", paramLabel = "NAME", description = "The unit's layer (default: conv5; needed with --model).")
	String layer;

	@Option(names = "--unit", required = true, paramLabel = "N", description = "The unit, 0-based.")
	int unit;

	@Option(names = "--size", paramLabel = "PX", defaultValue = "" + OcclusionJob.Settings.SIZE,
		description = "Side of the grey square in input pixels (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--stride", paramLabel = "PX", defaultValue = "" + OcclusionJob.Settings.STRIDE,
		description = "Step of the square in input pixels (default: ${DEFAULT-VALUE}).")
	int stride;

	@Mixin
	DeviceMixin device;

	@Option(names = "--batch", paramLabel = "N", defaultValue = "" + OcclusionJob.Settings.BATCH,
		description = "Occluded copies per network run (default: ${DEFAULT-VALUE}; at most " +
			OcclusionJob.Settings.BATCH_MAX + ").")
	int batch;

	@Override
	public Integer call() throws Exception {
		OcclusionOptions options = network.into(spec, new OcclusionOptions());
		if (layer == null && NetworkChoice.given(options.model))
			throw new ParameterException(spec.commandLine(), "--layer is needed with --model");
		options.image = image.toFile();
		options.output = output.output.toFile();
		options.overwrite = output.overwrite;
		if (layer != null) options.layer = layer;
		options.unit = unit;
		options.size = size;
		options.stride = stride;
		options.device = device.device;
		options.threads = device.threads;
		options.batch = batch;
		OcclusionJob.Settings settings;
		try {
			settings = options.toJobSettings();
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
			largest / result.steps * result.stride, settings.output);
		return 0;
	}
}
