package org.convnetexplorer.ij1;

import java.util.List;

import org.convnetexplorer.deconv.OcclusionJob;
import org.convnetexplorer.fiji.OcclusionOptions;
import org.convnetexplorer.fiji.OcclusionSensitivityCommand;
import org.convnetexplorer.fiji.ResultWindows;
import org.convnetexplorer.fiji.TopPatchesOptions;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/**
 * Plain ImageJ 1's "Occlusion Sensitivity...", with the keys of Fiji's command:
 * {@code run("Occlusion Sensitivity...", "image=[/a.jpg] unit=7 layer=conv5 output=[/out]")}. Runs on the caller's
 * thread, so a macro's next line sees the written files.
 */
public class OcclusionSensitivityPlugin implements PlugIn {

	private static final String TITLE = "Occlusion Sensitivity";

	/** Dialog labels in the order of {@link OcclusionOptions#KEYS}: ImageJ's key for a label is its first word. */
	public static final List<String> LABELS = List.of("Image", "Unit (0-based)", "Layer",
		"Size of the square (input pixels)", "Stride (input pixels)", "Weights (imagenet, demo or a .pth path)",
		"Output folder", "Overwrite non-empty output folder", "Device", "Batch (occluded copies per network run)");

	@Override
	public void run(String arg) {
		try {
			OcclusionOptions options = askOptions();
			if (options == null) return;
			OcclusionJob.Outcome outcome = OcclusionJob.run(options.toJobSettings(),
				PluginRuns.listener());
			String done = OcclusionSensitivityCommand.finishedText(outcome.sensitivity, options.output);
			PluginRuns.finished(done);
			ResultWindows.showOcclusion(outcome);
		}
		catch (Exception e) {
			Failure.report(TITLE, "ConvNet Explorer occlusion failed", e);
		}
	}

	/** The macro's options (on the macro's own thread), else the dialog; null when the user cancels. */
	private static OcclusionOptions askOptions() {
		OcclusionOptions options = new OcclusionOptions();
		OptionSource in = MacroOptions.current(OcclusionOptions.KEYS);
		if (in == null) {
			GenericDialog dialog = new GenericDialog(TITLE);
			PathFields.addFile(dialog, LABELS.get(0));
			dialog.addNumericField(LABELS.get(1), options.unit, 0);
			dialog.addChoice(LABELS.get(2), OcclusionOptions.LAYERS.toArray(new String[0]), options.layer);
			dialog.addNumericField(LABELS.get(3), options.size, 0);
			dialog.addNumericField(LABELS.get(4), options.stride, 0);
			dialog.addStringField(LABELS.get(5), options.weights, 30);
			PathFields.addFolder(dialog, LABELS.get(6));
			dialog.addCheckbox(LABELS.get(7), options.overwrite);
			dialog.addChoice(LABELS.get(8), TopPatchesOptions.DEVICES.toArray(new String[0]), options.device);
			dialog.addNumericField(LABELS.get(9), options.batch, 0);
			dialog.showDialog();
			if (dialog.wasCanceled()) return null;
			in = OptionSource.of(dialog);
		}
		options.image = in.file("image");
		options.unit = in.integer("unit", options.unit);
		options.layer = in.choice("layer", options.layer);
		options.size = in.integer("size", options.size);
		options.stride = in.integer("stride", options.stride);
		options.weights = in.string("weights", options.weights);
		options.output = in.file("output");
		options.overwrite = in.flag("overwrite", options.overwrite);
		options.device = in.choice("device", options.device);
		options.batch = in.integer("batch", options.batch);
		return options;
	}
}
