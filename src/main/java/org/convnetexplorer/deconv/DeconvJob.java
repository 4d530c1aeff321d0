package org.convnetexplorer.deconv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.Sha256;

/**
 * Deconvnet projections of a finished scan: reads the output folder (run.json for the images folder, the weights and
 * k; topk.csv for the winners), projects every winner of the chosen layers and writes {@code <layer>-deconv.tif} beside
 * the scan's results. Shared by the CLI's {@code deconv} and the Fiji command. Only for scans of the built-in AlexNet:
 * the deconvnet undoes its layers one by one.
 */
public final class DeconvJob {

	/** What the user chooses; the rest comes from the scan's output folder. */
	public static final class Settings {
		/** The output folder of a finished scan, where the stacks are written too. */
		public Path output;
		/** Names of the layers to project; empty means every layer the scan has winners of. */
		public List<String> layers = List.of();
		public ComputeDevice device = ComputeDevice.AUTO;
		/** TF intra-op threads; 0 means all cores. */
		public int threads;
		/** Winners per deconvnet run. */
		public int batch = 32;
		/** Cell side in pixels; 0 picks each layer's default, as the scan's montages do. */
		public int cell;
	}

	private DeconvJob() {}

	/** @return each layer's stack, in network order, as written */
	public static Map<Layer, Montage> run(Settings settings, JobListener listener) throws IOException {
		RunJson run = RunJson.read(settings.output);
		Path images = Paths.get(run.string("images"));
		int k = run.integer("top");
		if (!run.has("weights"))
			throw new IOException("deconvnet projections work only with the built-in AlexNet; " + settings.output +
				" is the scan of another network");
		AlexNet network = new AlexNet(run.string("weights"), null);
		List<TopkRow> rows = TopkCsv.read(settings.output.resolve("topk.csv"));
		Map<Layer, List<TopkRow>> rowsByLayer = new LinkedHashMap<>();
		for (Layer layer : network.layers())
			for (TopkRow row : rows)
				if (row.layer.equals(layer.name())) rowsByLayer.computeIfAbsent(layer, l -> new ArrayList<>()).add(row);
		List<Layer> layers = new ArrayList<>(rowsByLayer.keySet());
		if (!settings.layers.isEmpty()) {
			layers = network.parseLayers(String.join(",", settings.layers));
			for (Layer layer : layers)
				if (!rowsByLayer.containsKey(layer))
					throw new IOException(settings.output + " has no " + layer.name() + " winners in topk.csv; it has " +
						rowsByLayer.keySet().stream().map(Layer::name).reduce((a, b) -> a + "," + b).orElse("none"));
		}

		AlexNetWeights weights = AlexNet.loadWeights(scannedWeights(run), listener);
		int threads = JobSettings.threadsOrCores(settings.threads);
		Map<Layer, Montage> stacks = new LinkedHashMap<>();
		try (DeconvNet net = DeconvNet.create(weights, settings.device, threads, listener::gpuFallback)) {
			listener.status("Projecting on " + net.device().id().toUpperCase());
			WinnerProjector projector = new WinnerProjector(net, images, settings.batch);
			for (Layer layer : layers) {
				if (listener.cancelled()) break;
				long start = System.nanoTime();
				List<ProjectedWinner> winners = projector.project(layer, rowsByLayer.get(layer), listener::skipped);
				int cell = settings.cell > 0 ? settings.cell : MontageLayout.defaultCell(layer);
				Montage stack = DeconvMontage.of(layer, k, cell, winners);
				Path file = settings.output.resolve(LayerFiles.deconv(layer.name()));
				MontageFiles.write(stack, file);
				stacks.put(layer, stack);
				listener.status(String.format("%s: %d projections in %.1f s, written to %s", layer.name(), winners.size(),
					(System.nanoTime() - start) * 1e-9, file));
			}
		}
		return stacks;
	}

	/** The weights file the scan used, refused if it changed since: projections must come from the same network. */
	private static Path scannedWeights(RunJson run) throws IOException {
		Path weights = Paths.get(run.string("weights"));
		if (!Files.isRegularFile(weights))
			throw new IOException("the scan's weights " + weights + " are gone; projections need the same network");
		if (!Sha256.hexOf(weights).equals(run.string("weights_sha256")))
			throw new IOException("the scan's weights " + weights + " changed since the scan (SHA-256 differs)");
		return weights;
	}
}
