package org.convnetexplorer.fiji;

import java.io.File;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.ij1.LayerChooser;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.options.DeconvOptions;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.prefs.PrefService;
import org.scijava.ui.UIService;
import org.scijava.widget.Button;
import org.scijava.widget.FileWidget;

/**
 * Fiji's menu entry and macro command for the deconvnet projections of a finished run (the CLI's {@code deconv}):
 * writes {@code <layer>-deconv.tif} into the run's folder and, with a display, opens each stack. Esc or SciJava's
 * cancel stops before the next layer.
 */
@Plugin(type = Command.class, menuPath = DeconvProjectionsCommand.MENU_PATH, headless = true)
public class DeconvProjectionsCommand extends ContextCommand {

	public static final String MENU_PATH = "Plugins>ConvNet Explorer>Deconvnet Projections...";

	private static final DeconvOptions DEFAULTS = new DeconvOptions();

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService log;

	@Parameter
	private UIService ui;

	@Parameter
	private PrefService prefs;

	// Remembered by hand (CommandJobs): the run on screen must win over the folder used last.
	@Parameter(label = "Output folder of a run", style = FileWidget.DIRECTORY_STYLE, persist = false,
		initializer = "offerRunOnScreen")
	private File output;

	@Parameter(label = "Layers", required = false,
		description = "Comma-separated, as the run names them; empty projects every layer the run has")
	private String layers = DEFAULTS.layers;

	// Not a macro key: a button that lists AlexNet's layers to pick from.
	@Parameter(label = "Choose layers...", callback = "chooseLayers", required = false)
	private Button chooseLayers;

	@Parameter(label = "Method", choices = { "deconvnet", "guided" },
		description = "deconvnet: the signal rectified at each ReLU (Zeiler & Fergus); guided: also masked where the " +
			"forward ReLU was off (guided backpropagation)")
	private String method = DEFAULTS.method;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Parameter(label = "Patches per network run (batch)", min = "1", max = "" + DeconvJob.Settings.BATCH_MAX)
	private int batch = DEFAULTS.batch;

	@Parameter(label = "Cell size in pixels (0 = per layer)", min = "0", max = "" + JobSettings.CELL_MAX)
	private int cell = DEFAULTS.cell;

	@SuppressWarnings("unused") // the output's initializer
	private void offerRunOnScreen() {
		if (output == null) output = CommandJobs.runOnScreenOrRemembered(prefs, getClass());
	}

	@SuppressWarnings("unused") // the button's callback
	private void chooseLayers() {
		List<String> scanned = output == null ? null : LayerChooser.scannedOrSay(output.getPath());
		String chosen = scanned == null ? null : LayerChooser.choose(null, "the run's", scanned, scanned,
			layers == null ? "" : layers, true);
		if (chosen != null) layers = chosen;
	}

	@Override
	public void run() {
		CommandJobs.rememberOutput(prefs, getClass(), output);
		DeconvOptions options = new DeconvOptions();
		options.output = output;
		options.layers = layers;
		options.method = method;
		options.device = device;
		options.batch = batch;
		options.cell = cell;
		Map<Layer, Montage> stacks = CommandJobs.run("deconvnet", statusService, log, this::isCanceled,
			listener -> DeconvJob.run(options.toJobSettings(), listener));
		CommandJobs.finished(DeconvOptions.finishedText(stacks.size(), output), statusService, log);
		if (!ui.isHeadless()) ResultWindows.showDeconv(stacks.values());
	}
}
