package org.convnetexplorer.ij1;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.options.DeconvOptions;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.options.ScanOptions;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.render.Montage;

import ij.plugin.PlugIn;

/**
 * Plain ImageJ 1's "Deconvnet Projections...", with the keys of Fiji's command:
 * {@code run("Deconvnet Projections...", "output=[/run] layers=conv5")}. Runs on the caller's thread, so a macro's
 * next line sees the written stacks.
 */
public class DeconvProjectionsPlugin implements PlugIn {

	private static final String TITLE = "Deconvnet Projections";

	/** The options, in the order of {@link DeconvOptions#KEYS}: ImageJ's key for a label is its first word. */
	private static final DialogForm<DeconvOptions> FORM = new DialogForm<DeconvOptions>()
		.folder("Output folder of a run", o -> o.output, (o, v) -> o.output = v)
		.scannedLayers("Layers (empty: all the run has)", o -> o.layers, (o, v) -> o.layers = v)
		.choice("Method", ProjectionMethod.allIds(), o -> o.method, (o, v) -> o.method = v)
		.choice("Device", ScanOptions.DEVICES, o -> o.device, (o, v) -> o.device = v)
		.integer("Batch (patches per network run)", o -> o.batch, (o, v) -> o.batch = v)
		.integer("Cell size (pixels, 0 = per layer)", o -> o.cell, (o, v) -> o.cell = v);

	public static final List<String> LABELS = FORM.labels();

	/** What the dialog shows by key when nothing is remembered: the defaults of {@link DeconvOptions}. */
	public static Map<String, String> dialogDefaults() {
		return FORM.shown(new DeconvOptions());
	}

	@Override
	public void run(String arg) {
		try {
			DeconvOptions options = askOptions();
			if (options == null) return;
			Map<Layer, Montage> stacks = DeconvJob.run(options.toJobSettings(),
				PluginRuns.listener());
			String done = DeconvOptions.finishedText(stacks.size(), options.output);
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
		Optional<Path> shown = ResultWindows.runOnScreen(); // offered before the folder remembered
		shown.ifPresent(run -> options.output = run.toFile());
		return FORM.ask(TITLE, options, "Esc stops before the next layer.", shown.isPresent() ? Set.of("output")
			: Set.of()) ? options : null;
	}
}
