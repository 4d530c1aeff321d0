package org.convnetexplorer.fiji;

import java.io.File;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.options.NetworkOptions;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;
import org.convnetexplorer.imagej.StatusBarListener;
import org.convnetexplorer.options.ScanOptions;
import org.convnetexplorer.options.WeightsFolder;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.Button;
import org.scijava.widget.FileWidget;

/**
 * Fiji's menu entry and macro command for the job. Field names are the macro keys, the CLI's option names; Esc or
 * SciJava's cancel stops the scan after the batch in flight, and what was scanned is still written, marked partial.
 */
@Plugin(type = Command.class, menuPath = TopPatchesCommand.MENU_PATH, headless = true)
public class TopPatchesCommand extends ContextCommand {

	public static final String MENU_PATH = "Plugins>ConvNet Explorer>Top Patches per Unit...";

	private static final ScanOptions DEFAULTS = new ScanOptions();

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

	// Not macro keys: buttons that choose the model's or the weights' file.
	@Parameter(label = "Browse model...", callback = "browseModel", required = false)
	private Button browseModel;

	@Parameter(label = "Browse weights...", callback = "browseWeights", required = false)
	private Button browseWeights;

	@Parameter(label = "Layers", required = false, description = "Comma-separated: conv1..conv5 for AlexNet, a " +
		"model's tensor or node names (convnet-explorer layers lists them); empty for the network's default layers")
	private String layers = DEFAULTS.layers;

	// Not a macro key: a button that lists the model's layers to pick from.
	@Parameter(label = "Choose layers...", callback = "chooseLayers", required = false)
	private Button chooseLayers;

	@Parameter(label = NetworkOptions.SCAN_INPUT_LABEL, description = "A side in pixels (at most " + InputSpec.MAX_SIZE +
		"), 0 for the model's, or native: each image at its own size, in tiles")
	private String input = DEFAULTS.inputText();

	@Parameter(label = NetworkOptions.MEAN_LABEL, required = false)
	private String mean = DEFAULTS.mean;

	@Parameter(label = NetworkOptions.STD_LABEL, required = false)
	private String std = DEFAULTS.std;

	@Parameter(label = NetworkOptions.NORMALIZE_LABEL, required = false,
		description = NetworkOptions.NORMALIZE_DESCRIPTION)
	private String normalize = DEFAULTS.normalize;

	@Parameter(label = "Patches per unit (top)", min = "1", max = "" + JobSettings.TOP_MAX)
	private int top = DEFAULTS.top;

	@Parameter(label = "Units in overview figures", description = "Comma-separated unit numbers")
	private String units = DEFAULTS.units;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Parameter(label = "Batch size", min = "1", max = "" + JobSettings.BATCH_MAX)
	private int batch = DEFAULTS.batch;

	@Parameter(label = "Scan subfolders (recursive)")
	private boolean recursive = DEFAULTS.recursive;

	@Parameter(label = "Overwrite results in a non-empty output folder")
	private boolean overwrite = DEFAULTS.overwrite;

	@Parameter(label = "Cell size in pixels (0 = per layer)", min = "0", max = "" + JobSettings.CELL_MAX)
	private int cell = DEFAULTS.cell;

	// Not remembered between runs as other inputs are: a run that leaves them out scans the whole folder afresh.
	@Parameter(label = "Shard (I/N, empty = whole folder)", required = false, persist = false,
		description = "Scan the I-th of N parts of the folder, e.g. one task of a SLURM array; merge them with the CLI")
	private String shard = DEFAULTS.shard;

	@Parameter(label = "Resume from the checkpoint in the output folder", persist = false)
	private boolean resume = DEFAULTS.resume;

	@Parameter(label = "Winners per image (native size)", min = "1", max = "" + JobSettings.PER_IMAGE_MAX)
	private int winners = DEFAULTS.winners;

	@Parameter(label = "Channels (native size; e.g. 0,1; empty = all)", required = false)
	private String channels = DEFAULTS.channels;

	@Parameter(label = "Plane of a stack (native size; from 0)", min = "0")
	private int plane = DEFAULTS.plane;

	@Parameter(label = "Tile side (native size; 0 = from memory)", min = "0", max = "" + InputSpec.MAX_SIZE)
	private int tile = DEFAULTS.tile;

	@Override
	public void run() {
		ScanOptions options = options();
		JobSettings settings = CommandJobs.run("", statusService, log, this::isCanceled,
			listener -> options.toJobSettings(), ui, options);
		boolean onScreen = !ui.isHeadless();
		TopPatchesJob.Outcome outcome = CommandJobs.run("", statusService, log, this::isCanceled,
			listener -> onScreen ? ResultWindows.withScanWindow(settings.output, listener,
				scan -> TopPatchesJob.run(settings, scan)) : TopPatchesJob.run(settings, listener), ui, options);
		CommandJobs.finished(StatusBarListener.finishedText(outcome, settings.output), statusService, log);
		if (onScreen && ResultWindows.canShow()) ResultWindows.show(ResultsView.of(settings, outcome));
	}

	@SuppressWarnings("unused") // the button's callback
	private void browseModel() {
		model = CommandJobs.browseFile(NetworkOptions.MODEL_CHOOSER_TITLE, model);
	}

	@SuppressWarnings("unused") // the button's callback
	private void browseWeights() {
		weights = CommandJobs.browseFile("AlexNet weights (.pth)", weights);
	}

	@SuppressWarnings("unused") // the button's callback
	private void chooseLayers() {
		layers = CommandJobs.chooseLayers(model, layers, true);
	}

	private ScanOptions options() {
		ScanOptions options = new ScanOptions();
		options.images = images;
		options.output = output;
		options.model = model == null ? "" : model;
		options.weights = weights;
		options.layers = layers == null ? "" : layers;
		options.input = NetworkChoice.parseInputSize(input);
		options.mean = mean == null ? "" : mean;
		options.std = std == null ? "" : std;
		options.normalize = normalize == null ? "" : normalize;
		options.top = top;
		options.units = units;
		options.device = device;
		options.batch = batch;
		options.recursive = recursive;
		options.overwrite = overwrite;
		options.cell = cell;
		options.shard = shard;
		options.resume = resume;
		options.winners = winners;
		options.channels = channels == null ? "" : channels;
		options.plane = plane;
		options.tile = tile;
		options.cache = WeightsFolder.forImageJ();
		return options;
	}
}
