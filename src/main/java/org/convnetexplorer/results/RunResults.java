package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.runfile.RunKeys;

/**
 * A finished run as its output folder holds it: run.json's facts (images folder, k, layers, network, partial, merged),
 * topk.csv's rows grouped by layer and the record of the winning images. The one reader of results for the explorer
 * window, {@code show} and Open Results; the per-layer stacks are read lazily elsewhere, by slice.
 */
public final class RunResults {

	/** The output folder, absolute and normalized: two paths of one run are the same run. */
	public final Path folder;
	public final Path imagesFolder;
	public final int top;
	/** The layers the run chose, in network order, as run.json lists them. */
	public final List<String> layers;
	/** The weights file (built-in AlexNet) or the model file; for the window's top bar. */
	public final String network;
	/** Whether the network is the built-in AlexNet, the only one the deconvnet can undo. */
	public final boolean builtInAlexNet;
	/** Stopped before the end (Ctrl-C, Esc, a time limit): not every image was scanned. */
	public final boolean partial;
	/** Combined from shards by {@code merge}. */
	public final boolean merged;
	public final WinnerImages winners;
	private final RunJson json;
	private final Map<String, List<TopkRow>> rowsByLayer;

	private RunResults(Path folder, RunJson json, List<TopkRow> rows, WinnerImages winners) throws IOException {
		this.folder = folder;
		this.json = json;
		this.imagesFolder = Paths.get(json.string(RunKeys.IMAGES));
		this.top = json.integer(RunKeys.TOP);
		this.layers = List.copyOf(json.strings(RunKeys.LAYERS));
		this.builtInAlexNet = json.has(RunKeys.WEIGHTS);
		this.network = builtInAlexNet ? json.string(RunKeys.WEIGHTS) : json.has(RunKeys.MODEL) ? json.string(RunKeys.MODEL) : "";
		this.partial = json.bool(RunKeys.PARTIAL, false);
		this.merged = json.has(RunKeys.MERGED_FROM);
		this.winners = winners;
		Map<String, List<TopkRow>> byLayer = new LinkedHashMap<>();
		for (String layer : layers)
			byLayer.put(layer, new ArrayList<>());
		for (TopkRow row : rows)
			byLayer.computeIfAbsent(row.layer, l -> new ArrayList<>()).add(row);
		byLayer.replaceAll((layer, list) -> Collections.unmodifiableList(list));
		this.rowsByLayer = Collections.unmodifiableMap(byLayer);
	}

	/** Reads run.json, topk.csv and winners.csv of an output folder. */
	public static RunResults read(Path outputFolder) throws IOException {
		Path folder = outputFolder.toAbsolutePath().normalize();
		RunJson json = RunJson.read(folder);
		return new RunResults(folder, json, TopkCsv.read(folder.resolve(TopkCsv.FILE)), WinnerImages.read(folder));
	}

	/** The run's name: its folder's. */
	public String name() {
		return folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
	}

	/** run.json, for facts only some callers need. */
	public RunJson json() {
		return json;
	}

	/** The layer's rows, units in order and each unit's ranks 1..k; empty for a layer without rows. */
	public List<TopkRow> rows(String layer) {
		return rowsByLayer.getOrDefault(layer, List.of());
	}

	/** Every row, layer by layer. */
	public List<TopkRow> rows() {
		List<TopkRow> all = new ArrayList<>();
		rowsByLayer.values().forEach(all::addAll);
		return all;
	}

	/** The layer's stack file ({@code <layer>.tif}: a slice per unit), or null where the run has none. */
	public Path unitsFile(String layer) {
		return existing(folder.resolve(LayerFiles.units(layer)));
	}

	/** The layer's overview figure, or null where the run has none. */
	public Path overviewFile(String layer) {
		return existing(folder.resolve(LayerFiles.overview(layer)));
	}

	/** A row's source image. */
	public Path sourceOf(TopkRow row) {
		return imagesFolder.resolve(row.image);
	}

	/** Why the row's image is no longer the one the scan saw (it would show another picture), or null. */
	public String changeSinceScan(TopkRow row) {
		return winners.changeSinceScan(imagesFolder, row.image);
	}

	private static Path existing(Path file) {
		return Files.isRegularFile(file) ? file : null;
	}
}
