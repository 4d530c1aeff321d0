package org.convnetexplorer.visualize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ij.ImagePlus;
import ij.ImageStack;

import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.job.RunReports;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.results.RunReport;

/**
 * Feature visualisation as a job of the front ends: for each chosen layer, {@code <layer>-visualization.tif} (a slice
 * per unit) and {@code <layer>-visualization-overview.tif}, and the recipe in run.json's {@value
 * VisualizationRecord#KEY} section. Adds to a finished scan (its network from run.json; the overview puts each image
 * beside the unit's top patches), or, given a network, fills a new folder. A cancelled run writes the units done.
 */
public final class VisualizationJob {

	/** Units shown in an overview figure: the first chosen. */
	static final int OVERVIEW_UNITS = 16;

	/** What the user chooses. */
	public static final class Settings {
		/** A finished scan's folder, or (with {@link #network}) a new or empty one. */
		public Path output;
		/** The network for a folder without a scan; null: the scan's. */
		public Network network;
		/** Layer names; empty: the scan's layers, or the network's default layers. */
		public String layers = "";
		/** Units, "0-15,17"; blank: every unit. */
		public String units = "";
		public Recipe recipe = new Recipe();
		public ComputeDevice device = ComputeDevice.AUTO;
		/** TF intra-op threads; 0 lets TF choose. */
		public int threads;
	}

	private VisualizationJob() {}

	/** @return each layer's stack, as written */
	public static Map<Layer, Montage> run(Settings settings, JobListener listener) throws IOException {
		settings.recipe.check();
		boolean scanned = settings.network == null;
		Network network = scanned ? NetworkRecord.of(RunJson.read(settings.output), settings.output).open()
			: settings.network;
		String layerNames = settings.layers.isBlank() && scanned ? String.join(",", RunJson.read(settings.output)
			.strings(RunKeys.LAYERS)) : settings.layers;
		List<Layer> layers = network.parseLayers(layerNames);
		List<String> names = new ArrayList<>(List.of(RunJson.FILE));
		for (Layer layer : layers) {
			names.add(stackFile(layer));
			names.add(overviewFile(layer));
		}
		Map<Layer, Montage> stacks = new LinkedHashMap<>();
		try (OutputFolder output = scanned ? OutputFolder.addTo(settings.output, names)
			: OutputFolder.claim(settings.output, false, names))
		{
			if (!scanned) writeNewRunJson(output, network);
			for (Layer layer : layers) {
				if (listener.cancelled()) break;
				List<UnitImage> images = visualize(settings, network, layer, listener, output);
				if (!images.isEmpty()) stacks.put(layer, VisualizationFigures.stack(layer, images));
			}
		}
		return stacks;
	}

	private static List<UnitImage> visualize(Settings settings, Network network, Layer layer, JobListener listener,
		OutputFolder output) throws IOException
	{
		List<Integer> units = UnitList.parse(settings.units, layer);
		List<UnitImage> images;
		String device;
		try (FeatureVisualizer visualizer = FeatureVisualizer.open(network, layer, settings.recipe, settings.device,
			settings.threads, listener))
		{
			device = visualizer.device().id();
			listener.status(layer.name() + ": optimising " + units.size() + " units on " + device.toUpperCase() + " (" +
				settings.recipe + ")");
			images = visualizer.visualize(units, listener);
		}
		if (images.isEmpty()) return images;
		Montage stack = VisualizationFigures.stack(layer, images);
		output.write(stackFile(layer), file -> MontageFiles.write(stack, file));
		List<UnitImage> shown = images.subList(0, Math.min(OVERVIEW_UNITS, images.size()));
		Montage overview = overview(output.folder(), layer, shown);
		output.write(overviewFile(layer), file -> MontageFiles.write(overview, file));
		String json = new String(Files.readAllBytes(output.resolve(RunJson.FILE)), StandardCharsets.UTF_8);
		String recorded = VisualizationRecord.with(json, stackFile(layer), VisualizationRecord.entry(settings.recipe,
			images.size(), images.get(0).size, device));
		output.write(RunJson.FILE, file -> Files.write(file, recorded.getBytes(StandardCharsets.UTF_8)));
		listener.status(layer.name() + ": " + images.size() + " of " + units.size() + " units written to " +
			output.resolve(stackFile(layer)));
		return images;
	}

	/** Beside the units' top patches where the folder has the layer's stack of them, else a grid. */
	private static Montage overview(Path folder, Layer layer, List<UnitImage> shown) throws IOException {
		Path patches = folder.resolve(LayerFiles.units(layer.name()));
		if (!Files.isRegularFile(patches)) return VisualizationFigures.grid(layer, shown);
		ImagePlus stack = MontageFiles.read(patches);
		ImageStack slices = stack.getStack();
		if (slices.getSize() != layer.units()) return VisualizationFigures.grid(layer, shown);
		List<int[]> rows = shown.stream().map(image -> (int[]) slices.getProcessor(image.unit + 1).convertToRGB()
			.getPixels()).collect(Collectors.toList());
		return VisualizationFigures.besidePatches(layer, shown, rows, stack.getWidth(), stack.getHeight());
	}

	private static void writeNewRunJson(OutputFolder output, Network network) throws IOException {
		RunReport report = new RunReport().put(RunKeys.NETWORK, network.name())
			.put(RunKeys.INPUT_SIZE, network.input().size()).put(RunKeys.VERSION, RunReports.version());
		output.write(RunJson.FILE, report::write);
	}

	/** "conv3-visualization.tif". */
	public static String stackFile(Layer layer) {
		return LayerFiles.visualization(layer.name());
	}

	/** "conv3-visualization-overview.tif". */
	public static String overviewFile(Layer layer) {
		return LayerFiles.visualizationOverview(layer.name());
	}
}
