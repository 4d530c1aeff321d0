package org.convnetexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.options.DeconvOptions;
import org.convnetexplorer.render.Montage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "deconv", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Projects a finished scan's top patches to pixel space with a deconvnet (Zeiler & Fergus 2013).",
		"Writes <layer>-deconv.tif into the scan's output folder: per unit, its patches and beside them their",
		"projections (grey = 0; each projection stretched to 128 +/- 127 by its own largest absolute value).",
		"Uses the scan's images and network (AlexNet's weights or an ONNX model, from run.json) and its winners",
		"(topk.csv); run.json records the method." })
final class DeconvCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder of a finished scan.")
	Path output;

	@Option(names = "--layers", paramLabel = "LIST", defaultValue = "",
		description = "Layers to project (default: every layer the scan has).")
	String layers;

	@Option(names = "--method", paramLabel = "NAME", defaultValue = DeconvJob.Settings.METHOD,
		description = "deconvnet (Zeiler & Fergus: the signal rectified at each ReLU) or guided (guided " +
			"backpropagation, Springenberg et al. 2014: also masked where the forward ReLU was off); default: " +
			"${DEFAULT-VALUE}.")
	String method;

	@Mixin
	DeviceMixin device;

	@Option(names = "--batch", paramLabel = "N", defaultValue = "" + DeconvJob.Settings.BATCH,
		description = "Patches projected per network run (default: ${DEFAULT-VALUE}; at most " +
			DeconvJob.Settings.BATCH_MAX + ").")
	int batch;

	@Option(names = "--cell", paramLabel = "PX", defaultValue = "" + JobSettings.CELL,
		description = "Side of each patch and projection; 0 uses each layer's default (32-64 px; at most " +
			JobSettings.CELL_MAX + ").")
	int cell;

	@Override
	public Integer call() throws Exception {
		DeconvOptions options = new DeconvOptions();
		options.output = output.toFile();
		options.layers = layers;
		options.method = method;
		options.device = device.device;
		options.threads = device.threads;
		options.batch = batch;
		options.cell = cell;
		DeconvJob.Settings settings;
		try {
			settings = options.toJobSettings();
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		PrintWriter err = spec.commandLine().getErr();
		Map<Layer, Montage> stacks = DeconvJob.run(settings, new ConsoleProgress(err));
		err.printf("Done: projections of %d layers in %s%n", stacks.size(), output);
		return 0;
	}
}
