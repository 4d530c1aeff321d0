package org.convnetexplorer.deconv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.AlexNetLayer;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.ConvTrunk;
import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.results.WinnerImages;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.Sha256;

/**
 * Deconvnet projections of a finished scan: reads the output folder (run.json for the images folder, the weights and
 * k; topk.csv for the winners), projects every winner of the chosen layers and writes {@code <layer>-deconv.tif} beside
 * the scan's results. Shared by the CLI's {@code deconv} and the Fiji command.
 */
public final class DeconvJob {

	/** What the user chooses; the rest comes from the scan's output folder. */
	public static final class Settings {
		/** The output folder of a finished scan, where the stacks are written too. */
		public Path output;
		/** Layers to project; empty means every layer the scan has winners of. */
		public List<AlexNetLayer> layers = List.of();
		public ComputeDevice device = ComputeDevice.AUTO;
		/** TF intra-op threads; 0 means all cores. */
		public int threads;
		/** Winners per deconvnet run. */
		public int batch = 32;
		/** Cell side in pixels; 0 picks each layer's default, as the scan's montages do. */
		public int cell;

		/**
		 * Every setting checked before any work; upper bounds from the Java heap: a batch's inputs and projections are
		 * held together, and so is a layer's stack of patches and projections (checked once the run's k is read).
		 *
		 * @throws IllegalArgumentException naming the setting that is wrong
		 */
		public void check() {
			if (output == null) throw new IllegalArgumentException("no output folder given");
			if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
			if (cell < 0) throw new IllegalArgumentException("cell must be 0 (each layer's default) or a size in " +
				"pixels, not " + cell);
			if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all cores) or more, not " + threads);
			// each winner of a batch: its input and its projection, 224×224×3 floats each
			if ((long) batch * 2 * ConvTrunk.INPUT_FLOATS * Float.BYTES > heapBudget())
				throw new IllegalArgumentException("batch " + batch + " needs more than half of the Java heap; use a " +
					"smaller batch, or give Java more memory (-Xmx)");
		}

		/** The stacks of a run with top {@code k}: patches and projections side by side, twice a scan's stack. */
		void checkStacks(List<AlexNetLayer> layers, int k) {
			for (AlexNetLayer layer : layers) {
				long stack = LayerMontages.bytes(layer, cell, k, 0);
				if (stack > heapBudget() / 2) throw new IllegalArgumentException("cell " + cell + " with the run's top " +
					k + " makes " + layer.id() + "'s stack larger than half of the Java heap; use a smaller cell, or " +
					"give Java more memory (-Xmx)");
			}
		}

		private static long heapBudget() {
			return Runtime.getRuntime().maxMemory() / 2;
		}
	}

	private DeconvJob() {}

	/** @return each layer's stack, in network order, as written */
	public static Map<AlexNetLayer, Montage> run(Settings settings, JobListener listener) throws IOException {
		settings.check();
		RunJson run = RunJson.read(settings.output);
		Path images = Paths.get(run.string("images"));
		int k = run.integer("top");
		List<TopkRow> rows = TopkCsv.read(settings.output.resolve(TopkCsv.FILE));
		Map<AlexNetLayer, List<TopkRow>> rowsByLayer = new EnumMap<>(AlexNetLayer.class);
		for (TopkRow row : rows)
			rowsByLayer.computeIfAbsent(AlexNetLayer.fromId(row.layer), layer -> new ArrayList<>()).add(row);
		List<AlexNetLayer> layers = settings.layers.isEmpty() ? new ArrayList<>(rowsByLayer.keySet()) : settings.layers;
		for (AlexNetLayer layer : layers)
			if (!rowsByLayer.containsKey(layer))
				throw new IOException(settings.output + " has no " + layer.id() + " winners in topk.csv; it has " +
					rowsByLayer.keySet().stream().map(AlexNetLayer::id).reduce((a, b) -> a + "," + b).orElse("none"));
		settings.checkStacks(layers, k);
		List<String> resultNames = layers.stream().map(DeconvJob::stackFile).collect(Collectors.toList());
		try (OutputFolder output = OutputFolder.addTo(settings.output, resultNames)) {
			return project(settings, listener, run, images, k, rowsByLayer, layers, output);
		}
	}

	/** The file a layer's projections go to. */
	public static String stackFile(AlexNetLayer layer) {
		return layer.id() + "-deconv.tif";
	}

	private static Map<AlexNetLayer, Montage> project(Settings settings, JobListener listener, RunJson run,
		Path images, int k, Map<AlexNetLayer, List<TopkRow>> rowsByLayer, List<AlexNetLayer> layers, OutputFolder output)
		throws IOException
	{
		// Images replaced since the scan are other pictures: projecting them would show them as the scan's winners.
		WinnerImages scanned = WinnerImages.read(settings.output);
		Map<String, String> changed = scanned.changesSinceScan(images,
			rowsByLayer.values().stream().flatMap(List::stream).map(row -> row.image).collect(Collectors.toSet()));
		changed.forEach(listener::skipped);

		Path weightsFile = scannedWeights(run);
		listener.status("Loading weights " + weightsFile);
		AlexNetWeights weights = AlexNetWeights.load(weightsFile);
		int threads = JobSettings.threadsOrCores(settings.threads);
		Map<AlexNetLayer, Montage> stacks = new EnumMap<>(AlexNetLayer.class);
		try (DeconvNet net = DeconvNet.create(weights, settings.device, threads, listener::gpuFallback)) {
			listener.status("Projecting on " + net.device().id().toUpperCase());
			WinnerProjector projector = new WinnerProjector(net, images, settings.batch);
			for (AlexNetLayer layer : layers) {
				if (listener.cancelled()) break;
				long start = System.nanoTime();
				List<TopkRow> unchanged = rowsByLayer.get(layer).stream().filter(row -> !changed.containsKey(row.image))
					.collect(Collectors.toList());
				List<ProjectedWinner> winners = projector.project(layer, unchanged, listener::skipped);
				int cell = settings.cell > 0 ? settings.cell : MontageLayout.defaultCell(layer);
				Montage stack = DeconvMontage.of(layer, k, cell, winners);
				output.write(stackFile(layer), file -> MontageFiles.write(stack, file));
				stacks.put(layer, stack);
				listener.status(String.format("%s: %d projections in %.1f s, written to %s", layer.id(), winners.size(),
					(System.nanoTime() - start) * 1e-9, output.resolve(stackFile(layer))));
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
