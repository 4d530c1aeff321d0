package org.convnetexplorer.ij1;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.options.OcclusionOptions;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.options.ScanOptions;
import org.convnetexplorer.options.WeightsFolder;

import ij.Macro;
import ij.plugin.PlugIn;

/**
 * Plain ImageJ 1's "Occlusion Sensitivity...", with the keys of Fiji's command:
 * {@code run("Occlusion Sensitivity...", "image=[/a.jpg] unit=7 layer=conv5 output=[/out]")}. Runs on the caller's
 * thread, so a macro's next line sees the written files.
 */
public class OcclusionSensitivityPlugin implements PlugIn {

	private static final String TITLE = "Occlusion Sensitivity";

	/** The options, in the order of {@link OcclusionOptions#KEYS}: ImageJ's key for a label is its first word. */
	private static final DialogForm<OcclusionOptions> FORM = new DialogForm<OcclusionOptions>()
		.file("Image", o -> o.image, (o, v) -> o.image = v)
		.integer("Unit (0-based)", o -> o.unit, (o, v) -> o.unit = v)
		.layers("Layer", false, o -> o.layer, (o, v) -> o.layer = v)
		.integer("Size of the square (input pixels)", o -> o.size, (o, v) -> o.size = v)
		.integer("Stride (input pixels)", o -> o.stride, (o, v) -> o.stride = v)
		.with(NetworkFields::modelAndWeights)
		.with(NetworkFields::input)
		.folder("Output folder", o -> o.output, (o, v) -> o.output = v)
		.checkbox("Overwrite non-empty output folder", o -> o.overwrite, (o, v) -> o.overwrite = v)
		.choice("Device", ScanOptions.DEVICES, o -> o.device, (o, v) -> o.device = v)
		.integer("Batch (occluded copies per network run)", o -> o.batch, (o, v) -> o.batch = v);

	public static final List<String> LABELS = FORM.labels();

	/** What the dialog shows by key when nothing is remembered: the defaults of {@link OcclusionOptions}. */
	public static Map<String, String> dialogDefaults() {
		return FORM.shown(new OcclusionOptions());
	}

	/**
	 * Sets what the images on screen suggest: the front image, and the unit of a run's montage.
	 *
	 * @return the keys set, which start from these values rather than the remembered ones
	 */
	private static Set<String> fromOpenImages(OcclusionOptions options) {
		Set<String> keys = new HashSet<>();
		options.image = OpenImages.frontImageFile();
		if (options.image != null) keys.add("image");
		OpenImages.ShownUnit shown = OpenImages.shownUnit();
		if (shown != null) {
			options.layer = shown.layer;
			options.unit = shown.unit;
			keys.addAll(List.of("layer", "unit"));
		}
		return keys;
	}

	@Override
	public void run(String arg) {
		OcclusionOptions options = new OcclusionOptions();
		try {
			options.cache = WeightsFolder.forImageJ();
			// a macro's key left out takes the default, whatever is on screen: the macro does the same every time
			Set<String> onScreen = Macro.getOptions() == null ? fromOpenImages(options) : Set.of();
			if (!FORM.ask(TITLE, options, null, onScreen)) return;
			OcclusionJob.Outcome outcome = OcclusionJob.run(options.toJobSettings(),
				PluginRuns.listener());
			String done = OcclusionOptions.finishedText(outcome.sensitivity, options.output);
			PluginRuns.finished(done);
			ResultWindows.showOcclusion(outcome);
		}
		catch (Exception e) {
			Failure.report(TITLE, "ConvNet Explorer occlusion failed", e, options);
		}
	}
}
