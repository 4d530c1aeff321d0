package org.convnetexplorer.ij1;

import java.util.List;
import java.util.Map;

import org.convnetexplorer.options.ScanOptions;
import org.convnetexplorer.options.VisualizationOptions;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.visualize.VisualizationJob;

import ij.plugin.PlugIn;

/**
 * Plain ImageJ 1's "Feature Visualisation...", with the keys of Fiji's command:
 * {@code run("Feature Visualisation...", "output=[/scan] layers=conv3 units=0-15 steps=512")}. Runs on the caller's
 * thread, so a macro's next line sees the written files; Esc cancels, keeping the units done.
 */
public class FeatureVisualizationPlugin implements PlugIn {

	private static final String TITLE = "Feature Visualisation";

	/** The options, in the order of {@link VisualizationOptions#KEYS}: ImageJ's key for a label is its first word. */
	private static final DialogForm<VisualizationOptions> FORM = new DialogForm<VisualizationOptions>()
		.folder("Output folder (a scan's, or new)", (o, v) -> o.output = v)
		.text("Layers (empty = the scan's)", o -> o.layers, (o, v) -> o.layers = v)
		.text("Units (e.g. 0-15,17; empty = all)", o -> o.units, (o, v) -> o.units = v)
		.integer("Steps", o -> o.steps, (o, v) -> o.steps = v)
		.integer("Seed", o -> o.seed, (o, v) -> o.seed = v)
		.choice("Objective", List.of("channel", "neuron"), o -> o.objective, (o, v) -> o.objective = v)
		.choice("Method", List.of("lucid", "deepvis"), o -> o.method, (o, v) -> o.method = v)
		.integer("Batch (units optimised together)", o -> o.batch, (o, v) -> o.batch = v)
		.with(NetworkFields::modelAndWeights)
		.with(NetworkFields::input)
		.choice("Device", ScanOptions.DEVICES, o -> o.device, (o, v) -> o.device = v);

	public static final List<String> LABELS = FORM.labels();

	@Override
	public void run(String arg) {
		try {
			VisualizationOptions options = new VisualizationOptions();
			if (!FORM.ask(TITLE, options, null)) return;
			Map<Layer, Montage> stacks = VisualizationJob.run(options.toJobSettings(), PluginRuns.listener());
			PluginRuns.finished(VisualizationOptions.finishedText(stacks.size(), options.output));
		}
		catch (Exception e) {
			Failure.report(TITLE, "ConvNet Explorer feature visualisation failed", e);
		}
	}
}
