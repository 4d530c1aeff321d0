package org.convnetexplorer.fiji;

import java.io.File;

import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.ij1.OpenImages;
import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.options.NetworkOptions;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.options.OcclusionOptions;
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
 * Fiji's menu entry and macro command for the occlusion sensitivity of one unit for one image (the CLI's
 * {@code occlusion}): writes {@code occlusion.tif} and {@code occlusion-overlay.png} into the output folder and, with a
 * display, opens the input with the drop map as an overlay, and the maps.
 */
@Plugin(type = Command.class, menuPath = OcclusionSensitivityCommand.MENU_PATH, headless = true)
public class OcclusionSensitivityCommand extends ContextCommand {

	public static final String MENU_PATH = "Plugins>ConvNet Explorer>Occlusion Sensitivity...";

	private static final OcclusionOptions DEFAULTS = new OcclusionOptions();

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService log;

	@Parameter
	private UIService ui;

	// Image, unit and layer start from what is on screen (the front image, a run's montage), not the last run's.
	@Parameter(label = "Image", style = FileWidget.OPEN_STYLE, persist = false, initializer = "fromOpenImages")
	private File image;

	@Parameter(label = "Unit (0-based)", min = "0", persist = false)
	private int unit = DEFAULTS.unit;

	@Parameter(label = "Layer", description = "conv1..conv5 for AlexNet, a model's tensor or node name", persist = false)
	private String layer = DEFAULTS.layer;

	// Not a macro key: a button that lists the model's layers to pick from.
	@Parameter(label = "Choose layer...", callback = "chooseLayer", required = false)
	private Button chooseLayer;

	@Parameter(label = "Square size in input pixels", min = "1", max = "224")
	private int size = DEFAULTS.size;

	@Parameter(label = "Stride in input pixels", min = "1")
	private int stride = DEFAULTS.stride;

	@Parameter(label = NetworkOptions.MODEL_LABEL, required = false, description = NetworkOptions.MODEL_DESCRIPTION)
	private String model = DEFAULTS.model;

	@Parameter(label = NetworkOptions.WEIGHTS_LABEL, description = NetworkOptions.WEIGHTS_DESCRIPTION)
	private String weights = DEFAULTS.weights;

	// Not macro keys: buttons that choose the model's or the weights' file.
	@Parameter(label = "Browse model...", callback = "browseModel", required = false)
	private Button browseModel;

	@Parameter(label = "Browse weights...", callback = "browseWeights", required = false)
	private Button browseWeights;

	@Parameter(label = NetworkOptions.INPUT_LABEL, min = "0", max = "" + InputSpec.MAX_SIZE)
	private int input = DEFAULTS.input;

	@Parameter(label = NetworkOptions.MEAN_LABEL, required = false)
	private String mean = DEFAULTS.mean;

	@Parameter(label = NetworkOptions.STD_LABEL, required = false)
	private String std = DEFAULTS.std;

	@Parameter(label = NetworkOptions.NORMALIZE_LABEL, required = false,
		description = NetworkOptions.NORMALIZE_DESCRIPTION)
	private String normalize = DEFAULTS.normalize;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Must be new or empty unless overwrite is on.")
	private File output;

	@Parameter(label = "Overwrite results in a non-empty output folder")
	private boolean overwrite = DEFAULTS.overwrite;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Parameter(label = "Occluded copies per network run (batch)", min = "1", max = "" + OcclusionJob.Settings.BATCH_MAX)
	private int batch = DEFAULTS.batch;

	/** Only where the caller (a macro, a script) gave no image: then the open images suggest one, and the unit. */
	@SuppressWarnings("unused") // the image's initializer
	private void fromOpenImages() {
		if (image != null) return;
		image = OpenImages.frontImageFile();
		OpenImages.ShownUnit shown = OpenImages.shownUnit();
		if (shown != null) {
			layer = shown.layer;
			unit = shown.unit;
		}
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
	private void chooseLayer() {
		layer = CommandJobs.chooseLayers(model, layer, false);
	}

	@Override
	public void run() {
		OcclusionOptions options = options();
		OcclusionJob.Outcome outcome = CommandJobs.run("occlusion", statusService, log, this::isCanceled,
			listener -> OcclusionJob.run(options.toJobSettings(), listener), ui, options);
		CommandJobs.finished(OcclusionOptions.finishedText(outcome.sensitivity, output), statusService, log);
		if (!ui.isHeadless()) ResultWindows.showOcclusion(outcome);
	}

	private OcclusionOptions options() {
		OcclusionOptions options = new OcclusionOptions();
		options.image = image;
		options.unit = unit;
		options.layer = layer;
		options.size = size;
		options.stride = stride;
		options.model = model == null ? "" : model;
		options.weights = weights;
		options.input = input;
		options.mean = mean == null ? "" : mean;
		options.std = std == null ? "" : std;
		options.normalize = normalize == null ? "" : normalize;
		options.output = output;
		options.overwrite = overwrite;
		options.device = device;
		options.batch = batch;
		options.cache = WeightsFolder.forImageJ();
		return options;
	}
}
