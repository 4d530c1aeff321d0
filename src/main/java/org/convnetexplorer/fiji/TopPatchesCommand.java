package org.convnetexplorer.fiji;

import java.io.File;

import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.imagej.NetworkOptions;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;
import org.convnetexplorer.imagej.StatusBarListener;
import org.convnetexplorer.imagej.TopPatchesOptions;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.FileWidget;

/**
 * Fiji's menu entry and macro command for the job. Field names are the macro keys, the CLI's option names; Esc or
 * SciJava's cancel stops the scan after the batch in flight, and what was scanned is still written, marked partial.
 */
@Plugin(type = Command.class, menuPath = TopPatchesCommand.MENU_PATH, headless = true)
public class TopPatchesCommand extends ContextCommand {

	public static final String MENU_PATH = "Plugins>ConvNet Explorer>Top Patches per Unit...";

	private static final TopPatchesOptions DEFAULTS = new TopPatchesOptions();

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService log;

	@Parameter
	private UIService ui;

	@Parameter(label = "Images folder", style = FileWidget.DIRECTORY_STYLE)
	private File images;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Must be new or empty unless overwrite is on.")
	private File output;

	@Parameter(label = NetworkOptions.MODEL_LABEL, required = false, description = NetworkOptions.MODEL_DESCRIPTION)
	private String model = DEFAULTS.model;

	@Parameter(label = NetworkOptions.WEIGHTS_LABEL, description = NetworkOptions.WEIGHTS_DESCRIPTION)
	private String weights = DEFAULTS.weights;

	@Parameter(label = "Layers", required = false, description = "Comma-separated: conv1..conv5 for AlexNet, a " +
		"model's tensor or node names (convnet-explorer layers lists them); empty for the network's default layers")
	private String layers = DEFAULTS.layers;

	@Parameter(label = NetworkOptions.INPUT_LABEL, min = "0")
	private int input = DEFAULTS.input;

	@Parameter(label = NetworkOptions.MEAN_LABEL, required = false)
	private String mean = DEFAULTS.mean;

	@Parameter(label = NetworkOptions.STD_LABEL, required = false)
	private String std = DEFAULTS.std;

	@Parameter(label = "Patches per unit (top)", min = "1")
	private int top = DEFAULTS.top;

	@Parameter(label = "Units in overview figures", description = "Comma-separated unit numbers")
	private String units = DEFAULTS.units;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Parameter(label = "Batch size", min = "1")
	private int batch = DEFAULTS.batch;

	@Parameter(label = "Scan subfolders (recursive)")
	private boolean recursive = DEFAULTS.recursive;

	@Parameter(label = "Overwrite results in a non-empty output folder")
	private boolean overwrite = DEFAULTS.overwrite;

	@Parameter(label = "Cell size in pixels (0 = per layer)", min = "0")
	private int cell = DEFAULTS.cell;

	// Not remembered between runs as other inputs are: a run that leaves them out scans the whole folder afresh.
	@Parameter(label = "Shard (I/N, empty = whole folder)", required = false, persist = false,
		description = "Scan the I-th of N parts of the folder, e.g. one task of a SLURM array; merge them with the CLI")
	private String shard = DEFAULTS.shard;

	@Parameter(label = "Resume from the checkpoint in the output folder", persist = false)
	private boolean resume = DEFAULTS.resume;

	@Override
	public void run() {
		JobSettings settings = CommandJobs.run("", statusService, log, this::isCanceled,
			listener -> options().toJobSettings());
		TopPatchesJob.Outcome outcome = CommandJobs.run("", statusService, log, this::isCanceled,
			listener -> TopPatchesJob.run(settings, listener));
		CommandJobs.finished(StatusBarListener.finishedText(outcome, settings.output), statusService, log);
		if (!ui.isHeadless() && ResultWindows.canShow()) ResultWindows.show(ResultsView.of(settings, outcome));
	}

	private TopPatchesOptions options() {
		TopPatchesOptions options = new TopPatchesOptions();
		options.images = images;
		options.output = output;
		options.model = model == null ? "" : model;
		options.weights = weights;
		options.layers = layers == null ? "" : layers;
		options.input = input;
		options.mean = mean == null ? "" : mean;
		options.std = std == null ? "" : std;
		options.top = top;
		options.units = units;
		options.device = device;
		options.batch = batch;
		options.recursive = recursive;
		options.overwrite = overwrite;
		options.cell = cell;
		options.shard = shard;
		options.resume = resume;
		return options;
	}
}
