package org.convnetexplorer.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.results.WinnerImages;
import org.convnetexplorer.runfile.RunKeys;

/** What an atlas shows of a finished run folder, read through the results readers (run.json, topk.csv, winners.csv). */
final class AtlasRun {

	final Path folder;
	final RunJson run;
	/** The folder topk.csv's image paths are relative to. */
	final Path images;
	final int k;
	/** Layer name → unit → its rows in rank order; layers in run.json's order. */
	final Map<String, Map<Integer, List<TopkRow>>> rows = new LinkedHashMap<>();
	final WinnerImages winners;
	/** When run.json was written: when the run finished. */
	final Instant finished;
	/** The layers of the network that ran, by name: empty where it cannot be had (a model file gone). */
	private final Map<String, Layer> networkLayers = new LinkedHashMap<>();
	/** Why {@link #networkLayers} is empty, or null. */
	final String networkMissing;

	private AtlasRun(Path folder, Consumer<String> status) throws IOException {
		this.folder = folder;
		run = RunJson.read(folder);
		images = Paths.get(run.string(RunKeys.IMAGES));
		k = run.integer(RunKeys.TOP);
		for (String layer : run.strings(RunKeys.LAYERS))
			rows.put(layer, new LinkedHashMap<>());
		for (TopkRow row : TopkCsv.read(folder.resolve(TopkCsv.FILE)))
			if (row.rank >= 1 && row.rank <= k) // k cells per unit in the montages: a rank past them has none
				rows.computeIfAbsent(row.layer, layer -> new LinkedHashMap<>()).computeIfAbsent(row.unit,
					unit -> new ArrayList<>()).add(row);
		winners = WinnerImages.read(folder);
		finished = Files.getLastModifiedTime(folder.resolve(RunJson.FILE)).toInstant();
		networkMissing = readNetworkLayers();
		if (networkMissing != null) status.accept("Receptive fields not shown: " + networkMissing);
	}

	static AtlasRun read(Path folder, Consumer<String> status) throws IOException {
		return new AtlasRun(folder, status);
	}

	/** Whether the run used an ONNX model (else the built-in AlexNet). */
	boolean isModel() {
		return run.has(RunKeys.MODEL);
	}

	/** The layer as the network defines it, or null where the network is not at hand. */
	Layer networkLayer(String name) {
		return networkLayers.get(name);
	}

	/** The built-in AlexNet's layers, or a model's when its file is still the one scanned; else why not. */
	private String readNetworkLayers() throws IOException {
		List<Layer> layers;
		if (!isModel()) layers = AlexNet.LAYERS;
		else {
			try {
				layers = NetworkRecord.of(run, folder).open().layers();
			}
			catch (IOException | RuntimeException e) {
				return FileProblems.reason(e);
			}
		}
		for (Layer layer : layers)
			networkLayers.put(layer.name(), layer);
		return null;
	}

	/** Unit → rows of a layer (empty for a layer without rows). */
	Map<Integer, List<TopkRow>> units(String layer) {
		return rows.getOrDefault(layer, Map.of());
	}
}
