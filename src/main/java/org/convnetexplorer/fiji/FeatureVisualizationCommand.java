package org.convnetexplorer.fiji;

import java.io.File;
import java.util.Map;

import org.convnetexplorer.options.NetworkOptions;
import org.convnetexplorer.options.VisualizationOptions;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.visualize.VisualizationJob;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Fiji's menu entry and macro command for feature visualisation (the CLI's {@code visualize}): progress and time left
 * in the status bar; cancel keeps the units done.
 */
@Plugin(type = Command.class, menuPath = FeatureVisualizationCommand.MENU_PATH, headless = true)
public class FeatureVisualizationCommand extends ContextCommand {

	public static final String MENU_PATH = "Plugins>ConvNet Explorer>Feature Visualisation...";

	private static final VisualizationOptions DEFAULTS = new VisualizationOptions();

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService log;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "A finished scan's folder (its network), or a new or empty one (the network below).")
	private File output;

	@Parameter(label = "Layers", required = false, description = "Comma-separated; empty: the scan's or the network's")
	private String layers = DEFAULTS.layers;

	@Parameter(label = "Units", required = false, description = "e.g. 0-15,17; empty: every unit")
	private String units = DEFAULTS.units;

	@Parameter(label = "Steps", min = "1")
	private int steps = DEFAULTS.steps;

	@Parameter(label = "Seed")
	private int seed = DEFAULTS.seed;

	@Parameter(label = "Objective", choices = { "channel", "neuron" })
	private String objective = DEFAULTS.objective;

	@Parameter(label = "Method", choices = { "lucid", "deepvis" })
	private String method = DEFAULTS.method;

	@Parameter(label = "Units optimised together (batch)", min = "1")
	private int batch = DEFAULTS.batch;

	@Parameter(label = NetworkOptions.MODEL_LABEL, required = false, description = NetworkOptions.MODEL_DESCRIPTION)
	private String model = DEFAULTS.model;

	@Parameter(label = NetworkOptions.WEIGHTS_LABEL, description = NetworkOptions.WEIGHTS_DESCRIPTION)
	private String weights = DEFAULTS.weights;

	@Parameter(label = NetworkOptions.INPUT_LABEL, min = "0")
	private int input = DEFAULTS.input;

	@Parameter(label = NetworkOptions.MEAN_LABEL, required = false)
	private String mean = DEFAULTS.mean;

	@Parameter(label = NetworkOptions.STD_LABEL, required = false)
	private String std = DEFAULTS.std;

	@Parameter(label = NetworkOptions.NORMALIZE_LABEL, required = false,
		description = NetworkOptions.NORMALIZE_DESCRIPTION)
	private String normalize = DEFAULTS.normalize;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Override
	public void run() {
		Map<Layer, Montage> stacks = CommandJobs.run("feature visualisation", statusService, log, this::isCanceled,
			listener -> VisualizationJob.run(options().toJobSettings(), listener));
		CommandJobs.finished(VisualizationOptions.finishedText(stacks.size(), output), statusService, log);
	}

	private VisualizationOptions options() {
		VisualizationOptions options = new VisualizationOptions();
		options.output = output;
		options.layers = layers == null ? "" : layers;
		options.units = units == null ? "" : units;
		options.steps = steps;
		options.seed = seed;
		options.objective = objective;
		options.method = method;
		options.batch = batch;
		options.model = model == null ? "" : model;
		options.weights = weights;
		options.input = input;
		options.mean = mean == null ? "" : mean;
		options.std = std == null ? "" : std;
		options.normalize = normalize == null ? "" : normalize;
		options.device = device;
		return options;
	}
}
