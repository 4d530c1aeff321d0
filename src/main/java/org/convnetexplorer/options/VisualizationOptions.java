package org.convnetexplorer.options;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.visualize.Recipe;
import org.convnetexplorer.visualize.VisualizationJob;

/**
 * What Fiji's feature visualisation command and the ImageJ 1 plugin ask for, named as their macro keys (the CLI
 * {@code visualize} options), with the defaults both dialogs start from. A folder holding a scan's run.json is added
 * to with the scan's network; any other folder gets the network of the network options.
 */
public final class VisualizationOptions extends NetworkOptions {

	private static final Recipe RECIPE = new Recipe();

	/** The macro keys, in dialog order; none ends another (see {@link ScanOptions#KEYS}). */
	public static final List<String> KEYS = List.of("output", "layers", "units", "steps", "seed", "objective", "method",
		"batch", "model", "weights", "input", "mean", "std", "normalize", "device");

	public File output;
	public String layers = "";
	public String units = "0-15";
	public int steps = RECIPE.steps;
	public int seed;
	public String objective = RECIPE.objective.id();
	public String method = RECIPE.method.id();
	public int batch = RECIPE.batch;
	public String device = ComputeDevice.AUTO.id();

	/** One line for the Log and status bar. */
	public static String finishedText(int layers, File output) {
		return "Optimised images of " + layers + " layer" + (layers == 1 ? "" : "s") + " written to " + output;
	}

	/**
	 * @throws IllegalArgumentException naming the option that is wrong
	 * @throws IOException where the model cannot be used
	 */
	public VisualizationJob.Settings toJobSettings() throws IOException {
		if (output == null) throw new IllegalArgumentException("no output folder given");
		VisualizationJob.Settings settings = new VisualizationJob.Settings();
		settings.output = output.toPath();
		if (!Files.isRegularFile(settings.output.resolve(RunJson.FILE)))
			settings.network = NetworkChoice.network(model, input, mean, std, normalize, weights.trim(), WeightsFolder.forImageJ());
		settings.layers = layers;
		settings.units = units;
		settings.recipe = Recipe.of(steps, seed, objective, method, batch);
		settings.device = ComputeDevice.fromId(device);
		return settings;
	}
}
