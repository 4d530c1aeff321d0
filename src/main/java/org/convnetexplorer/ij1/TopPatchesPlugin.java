package org.convnetexplorer.ij1;

import java.util.List;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;
import org.convnetexplorer.imagej.StatusBarListener;
import org.convnetexplorer.imagej.TopPatchesOptions;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;

import ij.plugin.PlugIn;

/**
 * The menu entry of plain ImageJ 1 (no SciJava runtime), installed by plugins.config: the same dialog and macro keys as
 * Fiji's command, so {@code run("Top Patches per Unit...", "images=[/d] output=[/o] top=9")} works in both. Runs on
 * the caller's thread: a macro's next line sees the finished output folder.
 */
public class TopPatchesPlugin implements PlugIn {

	static final String TITLE = "Top Patches per Unit";

	/** The options, in the order of {@link TopPatchesOptions#KEYS}: ImageJ's key for a label is its first word. */
	private static final DialogForm<TopPatchesOptions> FORM = new DialogForm<TopPatchesOptions>()
		.folder("Images folder", (o, v) -> o.images = v)
		.folder("Output folder", (o, v) -> o.output = v)
		.with(NetworkFields::modelAndWeights)
		.text("Layers (empty = the network's default)", o -> o.layers, (o, v) -> o.layers = v)
		.with(NetworkFields::input)
		.integer("Top patches per unit", o -> o.top, (o, v) -> o.top = v)
		.text("Units in overview figures", o -> o.units, (o, v) -> o.units = v)
		.choice("Device", TopPatchesOptions.DEVICES, o -> o.device, (o, v) -> o.device = v)
		.integer("Batch size", o -> o.batch, (o, v) -> o.batch = v)
		.checkbox("Recursive (scan subfolders)", o -> o.recursive, (o, v) -> o.recursive = v)
		.checkbox("Overwrite non-empty output folder", o -> o.overwrite, (o, v) -> o.overwrite = v)
		.integer("Cell size (pixels, 0 = per layer)", o -> o.cell, (o, v) -> o.cell = v)
		.text("Shard (I/N, empty = whole folder)", o -> o.shard, (o, v) -> o.shard = v)
		.checkbox("Resume from the checkpoint in the output folder", o -> o.resume, (o, v) -> o.resume = v);

	public static final List<String> LABELS = FORM.labels();

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
		return FORM.ask(TITLE, options, "Esc cancels a running scan; what was scanned is still written, marked partial.")
			? options : null;
	}
}
