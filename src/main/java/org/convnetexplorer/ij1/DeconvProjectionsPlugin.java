package org.convnetexplorer.ij1;

import java.util.List;
import java.util.Map;

import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.fiji.DeconvOptions;
import org.convnetexplorer.fiji.DeconvProjectionsCommand;
import org.convnetexplorer.fiji.ResultWindows;
import org.convnetexplorer.fiji.TopPatchesOptions;
import org.convnetexplorer.network.AlexNetLayer;
import org.convnetexplorer.render.Montage;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/**
 * Plain ImageJ 1's "Deconvnet Projections...", with the keys of Fiji's command:
 * {@code run("Deconvnet Projections...", "output=[/run] layers=conv5")}. Runs on the caller's thread, so a macro's
 * next line sees the written stacks.
 */
public class DeconvProjectionsPlugin implements PlugIn {

	private static final String TITLE = "Deconvnet Projections";

	/** Dialog labels in the order of {@link DeconvOptions#KEYS}: ImageJ's key for a label is its first word. */
	public static final List<String> LABELS = List.of("Output folder of a run", "Layers (empty: all the run has)",
		"Device", "Batch (patches per network run)", "Cell size (pixels, 0 = per layer)");

	@Override
	public void run(String arg) {
		try {
			DeconvOptions options = askOptions();
			if (options == null) return;
			Map<AlexNetLayer, Montage> stacks = DeconvJob.run(options.toJobSettings(),
				PluginRuns.listener());
			String done = DeconvProjectionsCommand.finishedText(stacks.size(), options.output);
			PluginRuns.finished(done);
			ResultWindows.showDeconv(stacks.values());
		}
		catch (Exception e) {
			Failure.report(TITLE, "ConvNet Explorer deconvnet failed", e);
		}
	}

	/** The macro's options (on the macro's own thread), else the dialog; null when the user cancels. */
	private static DeconvOptions askOptions() {
		DeconvOptions options = new DeconvOptions();
		OptionSource in = MacroOptions.current(DeconvOptions.KEYS);
		if (in == null) {
			GenericDialog dialog = new GenericDialog(TITLE);
			PathFields.addFolder(dialog, LABELS.get(0));
			dialog.addStringField(LABELS.get(1), options.layers, 30);
			dialog.addChoice(LABELS.get(2), TopPatchesOptions.DEVICES.toArray(new String[0]), options.device);
			dialog.addNumericField(LABELS.get(3), options.batch, 0);
			dialog.addNumericField(LABELS.get(4), options.cell, 0);
			dialog.addMessage("Esc stops before the next layer.");
			dialog.showDialog();
			if (dialog.wasCanceled()) return null;
			in = OptionSource.of(dialog);
		}
		options.output = in.file("output");
		options.layers = in.string("layers", options.layers);
		options.device = in.choice("device", options.device);
		options.batch = in.integer("batch", options.batch);
		options.cell = in.integer("cell", options.cell);
		return options;
	}
}
