package org.convnetexplorer.ij1;

import java.util.List;
import java.util.Map;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;
import org.convnetexplorer.imagej.StatusBarListener;
import org.convnetexplorer.options.ScanOptions;
import org.convnetexplorer.options.WeightsFolder;
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

	/** The options, in the order of {@link ScanOptions#KEYS}: ImageJ's key for a label is its first word. */
	private static final DialogForm<ScanOptions> FORM = new DialogForm<ScanOptions>()
		.folder("Images folder", o -> o.images, (o, v) -> o.images = v)
		.folder("Output folder", o -> o.output, (o, v) -> o.output = v)
		.with(NetworkFields::modelAndWeights)
		.layers("Layers (empty = the network's default)", true, o -> o.layers, (o, v) -> o.layers = v)
		.with(NetworkFields::scanInput)
		.integer("Top patches per unit", o -> o.top, (o, v) -> o.top = v)
		.text("Units in overview figures", o -> o.units, (o, v) -> o.units = v)
		.choice("Device", ScanOptions.DEVICES, o -> o.device, (o, v) -> o.device = v)
		.integer("Batch size", o -> o.batch, (o, v) -> o.batch = v)
		.checkbox("Recursive (scan subfolders)", o -> o.recursive, (o, v) -> o.recursive = v)
		.checkbox("Overwrite non-empty output folder", o -> o.overwrite, (o, v) -> o.overwrite = v)
		.integer("Cell size (pixels, 0 = per layer)", o -> o.cell, (o, v) -> o.cell = v)
		.text("Shard (I/N, empty = whole folder)", o -> o.shard, (o, v) -> o.shard = v).notRemembered()
		.checkbox("Resume from the checkpoint in the output folder", o -> o.resume, (o, v) -> o.resume = v)
		.notRemembered()
		.integer("Winners per image (native size)", o -> o.winners, (o, v) -> o.winners = v)
		.text("Channels (native size; e.g. 0,1; empty = all)", o -> o.channels, (o, v) -> o.channels = v)
		.integer("Plane of a stack (native size; from 0)", o -> o.plane, (o, v) -> o.plane = v)
		.integer("Tile side (native size; 0 = from memory)", o -> o.tile, (o, v) -> o.tile = v);

	public static final List<String> LABELS = FORM.labels();

	/** What the dialog shows by key when nothing is remembered: the defaults of {@link ScanOptions}. */
	public static Map<String, String> dialogDefaults() {
		return FORM.shown(new ScanOptions());
	}

	@Override
	public void run(String arg) {
		ScanOptions options = new ScanOptions();
		try {
			options.cache = WeightsFolder.forImageJ();
			if (!FORM.ask(TITLE, options, "Esc cancels a running scan; what was scanned is still written, marked partial."))
				return;
			JobSettings settings = options.toJobSettings();
			TopPatchesJob.Outcome outcome = ResultWindows.withScanWindow(settings.output, PluginRuns.listener(),
				listener -> TopPatchesJob.run(settings, listener));
			String done = StatusBarListener.finishedText(outcome, settings.output);
			PluginRuns.finished(done);
			ResultWindows.show(ResultsView.of(settings, outcome));
		}
		catch (Exception e) {
			Failure.report(TITLE, "ConvNet Explorer failed", e, options);
		}
	}
}
