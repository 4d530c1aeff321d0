package org.convnetexplorer.ij1;

import java.util.List;

import org.convnetexplorer.fiji.ResultWindows;
import org.convnetexplorer.fiji.ResultsView;
import org.convnetexplorer.fiji.StatusBarListener;
import org.convnetexplorer.fiji.TopPatchesOptions;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/**
 * The menu entry of plain ImageJ 1 (no SciJava runtime), installed by plugins.config: the same dialog and macro keys as
 * Fiji's command, so {@code run("Top Patches per Unit...", "images=[/d] output=[/o] top=9")} works in both. Runs on
 * the caller's thread: a macro's next line sees the finished output folder.
 */
public class TopPatchesPlugin implements PlugIn {

	static final String TITLE = "Top Patches per Unit";

	/** Dialog labels in the order of {@link TopPatchesOptions#KEYS}: ImageJ's key for a label is its first word. */
	public static final List<String> LABELS = List.of("Images folder", "Output folder",
		"Weights (imagenet, demo or a .pth path)", "Layers", "Top patches per unit", "Units in overview figures",
		"Device", "Batch size", "Recursive (scan subfolders)", "Overwrite non-empty output folder",
		"Cell size (pixels, 0 = per layer)", "Shard (I/N, empty = whole folder)",
		"Resume from the checkpoint in the output folder");

	@Override
	public void run(String arg) {
		try {
			TopPatchesOptions options = askOptions();
			if (options == null) return;
			JobSettings settings = options.toJobSettings();
			TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, PluginRuns.listener());
			String done = StatusBarListener.finishedText(outcome, settings.output);
			PluginRuns.finished(done);
			ResultWindows.show(ResultsView.of(settings, outcome));
		}
		catch (Exception e) {
			Failure.report(TITLE, "ConvNet Explorer failed", e);
		}
	}

	/** The macro's options (on the macro's own thread), else the dialog; null when the user cancels. */
	private static TopPatchesOptions askOptions() {
		TopPatchesOptions options = new TopPatchesOptions();
		OptionSource in = MacroOptions.current(TopPatchesOptions.KEYS);
		if (in == null) {
			GenericDialog dialog = new GenericDialog(TITLE);
			PathFields.addFolder(dialog, LABELS.get(0));
			PathFields.addFolder(dialog, LABELS.get(1));
			dialog.addStringField(LABELS.get(2), options.weights, 30);
			dialog.addStringField(LABELS.get(3), options.layers, 30);
			dialog.addNumericField(LABELS.get(4), options.top, 0);
			dialog.addStringField(LABELS.get(5), options.units, 30);
			dialog.addChoice(LABELS.get(6), TopPatchesOptions.DEVICES.toArray(new String[0]), options.device);
			dialog.addNumericField(LABELS.get(7), options.batch, 0);
			dialog.addCheckbox(LABELS.get(8), options.recursive);
			dialog.addCheckbox(LABELS.get(9), options.overwrite);
			dialog.addNumericField(LABELS.get(10), options.cell, 0);
			dialog.addStringField(LABELS.get(11), options.shard, 10);
			dialog.addCheckbox(LABELS.get(12), options.resume);
			dialog.addMessage("Esc cancels a running scan; what was scanned is still written, marked partial.");
			dialog.showDialog();
			if (dialog.wasCanceled()) return null;
			in = OptionSource.of(dialog);
		}
		options.images = in.file("images");
		options.output = in.file("output");
		options.weights = in.string("weights", options.weights);
		options.layers = in.string("layers", options.layers);
		options.top = in.integer("top", options.top);
		options.units = in.string("units", options.units);
		options.device = in.choice("device", options.device);
		options.batch = in.integer("batch", options.batch);
		options.recursive = in.flag("recursive", options.recursive);
		options.overwrite = in.flag("overwrite", options.overwrite);
		options.cell = in.integer("cell", options.cell);
		options.shard = in.string("shard", options.shard);
		options.resume = in.flag("resume", options.resume);
		return options;
	}
}
