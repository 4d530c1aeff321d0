package org.convnetexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.visualize.Recipe;
import org.convnetexplorer.visualize.VisualizationJob;
import org.convnetexplorer.weights.WeightsCache;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "visualize", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Feature visualisation: for each chosen unit, the image it responds to most, found by gradient",
		"ascent (docs/feature-visualization.md). Writes <layer>-visualization.tif (a slice per unit) and",
		"<layer>-visualization-overview.tif, and records the recipe in run.json. Adds to a finished scan's",
		"folder (its network), or with --weights/--model fills a new or empty folder." })
final class VisualizeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--output", required = true, paramLabel = "DIR",
		description = "A finished scan's folder; with --weights or --model, a new or empty folder.")
	Path output;

	@Option(names = "--weights", paramLabel = "FILE.pth|imagenet|demo",
		description = "The built-in AlexNet's weights, for a folder without a scan.")
	String weights;

	@Mixin
	ModelOptions model;

	@Option(names = "--layers", paramLabel = "LIST", defaultValue = "",
		description = "Layers (default: the scan's, or the network's default layers).")
	String layers;

	@Option(names = "--units", paramLabel = "LIST", defaultValue = "",
		description = "Units, e.g. 0-15,17 (default: every unit).")
	String units;

	@Option(names = "--steps", paramLabel = "N", defaultValue = "512", description = "Optimisation steps (default: ${DEFAULT-VALUE}).")
	int steps;

	@Option(names = "--size", paramLabel = "PX", defaultValue = "0",
		description = "Side of the image: the network's input size (default; a model with an open input size takes another).")
	int size;

	@Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--objective", paramLabel = "channel|neuron", defaultValue = "channel",
		description = "The unit's mean over the map, or its value at the map's centre (default: ${DEFAULT-VALUE}).")
	String objective;

	@Option(names = "--method", paramLabel = "lucid|deepvis", defaultValue = "lucid",
		description = "lucid's recipe or DeepVis's regularisers (default: ${DEFAULT-VALUE}).")
	String method;

	@Option(names = "--learning-rate", paramLabel = "R", defaultValue = "0.05",
		description = "Adam's learning rate, lucid (default: ${DEFAULT-VALUE}).")
	double learningRate;

	@Option(names = "--no-transforms", description = "No random jitter, scale and rotation (lucid).")
	boolean noTransforms;

	@Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "Units optimised together (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", description = "As for scan (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "TensorFlow threads; 0 uses all cores.")
	int threads;

	@Option(names = "--cache", paramLabel = "DIR", description = "As for scan.")
	Path cache;

	@Override
	public Integer call() throws Exception {
		VisualizationJob.Settings settings = new VisualizationJob.Settings();
		try {
			settings.output = output;
			if (weights != null || NetworkChoice.given(model.model)) {
				int inputSize = model.inputSize(spec);
				if (inputSize == NetworkChoice.AT_OWN_SIZE) throw new IllegalArgumentException(
					"--input-size native is for scans: give a size in pixels");
				if (size > 0 && inputSize == 0 && NetworkChoice.given(model.model)) inputSize = size;
				settings.network = NetworkChoice.network(model.model, inputSize, model.mean, model.std, model.normalize,
					weights == null ? "demo" : weights, cache != null ? cache : WeightsCache.defaultDirectory());
				if (size > 0 && size != settings.network.input().size()) throw new IllegalArgumentException(
					settings.network.name() + " takes " + settings.network.input().size() + " px inputs, not " + size);
			}
			else if (size > 0) throw new IllegalArgumentException("--size is for --weights or --model: a scan's " +
				"network keeps its input size");
			settings.layers = layers;
			settings.units = units;
			settings.recipe = Recipe.of(steps, seed, objective, method, batch);
			settings.recipe.learningRate = learningRate;
			settings.recipe.transforms = !noTransforms;
			settings.recipe.check();
			settings.device = ComputeDevice.fromId(device);
			settings.threads = threads;
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		PrintWriter err = spec.commandLine().getErr();
		Map<Layer, Montage> stacks = VisualizationJob.run(settings, new ConsoleProgress(err));
		err.printf("Done: optimised images of %d layers in %s%n", stacks.size(), output);
		return 0;
	}
}
