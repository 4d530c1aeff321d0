package org.convnetexplorer.deconv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunJsonSection;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.results.WinnerImages;

/**
 * Deconvnet projections of a finished scan: reads the output folder (run.json for the images folder, the weights and
 * k; topk.csv for the winners), projects every winner of the chosen layers and writes {@code <layer>-deconv.tif} beside
 * the scan's results, and how in run.json's {@value #RUN_JSON_KEY} section. Shared by the CLI's {@code deconv} and the
 * Fiji command. For scans of the built-in AlexNet and of ONNX models ({@link ProjectionGraph#open}).
 */
public final class DeconvJob {

	/** run.json's section of the projection stacks: per file, the method and device. */
	public static final String RUN_JSON_KEY = "deconv";

	/** What the user chooses; the rest comes from the scan's output folder. */
	public static final class Settings {
		/** The default and upper bound of {@link #batch}; the other options' are the scan's ({@link JobSettings}). */
		public static final int BATCH = 32;
		public static final int BATCH_MAX = 1024;
		/** The default {@link #method}, by its id. */
		public static final String METHOD = "deconvnet";

		/** The output folder of a finished scan, where the stacks are written too. */
		public Path output;
		/** Names of the layers to project; empty means every layer the scan has winners of. */
		public List<String> layers = List.of();
		public ComputeDevice device = ComputeDevice.fromId(JobSettings.DEVICE);
		/** TF intra-op threads; 0 means all cores. */
		public int threads = JobSettings.THREADS;
		/** How the projections pass the ReLUs. */
		public ProjectionMethod method = ProjectionMethod.fromId(METHOD);
		/** Winners per deconvnet run. */
		public int batch = BATCH;
		/** Cell side in pixels; 0 picks each layer's default, as the scan's montages do. */
		public int cell = JobSettings.CELL;

		/**
		 * Every setting checked before any work; upper bounds from the Java heap: a batch's inputs and projections are
		 * held together, and so is a layer's stack of patches and projections (checked once the run's k is read).
		 *
		 * @throws IllegalArgumentException naming the setting that is wrong
		 */
		public void check() {
			if (output == null) throw new IllegalArgumentException("no output folder given");
			if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
			JobSettings.checkCell(cell);
			JobSettings.checkThreads(threads);
			// each winner of a batch: its input and its projection, 224×224×3 floats each
			if ((long) batch * 2 * AlexNet.INPUT.floats() * Float.BYTES > heapBudget())
				throw new IllegalArgumentException("batch " + batch + " needs more than half of the Java heap; use a " +
					"smaller batch, or give Java more memory (-Xmx)");
			JobSettings.checkAtMost("batch", batch, BATCH_MAX);
		}

		/** The stacks of a run with top {@code k}: patches and projections side by side, twice a scan's stack. */
		void checkStacks(List<Layer> layers, int k) {
			for (Layer layer : layers) {
				long stack = LayerMontages.bytes(layer, cell, k, 0);
				if (stack > heapBudget() / 2) throw new IllegalArgumentException("cell " + cell + " with the run's top " +
					k + " makes " + layer.name() + "'s stack larger than half of the Java heap; use a smaller cell, or " +
					"give Java more memory (-Xmx)");
			}
		}

		private static long heapBudget() {
			return Runtime.getRuntime().maxMemory() / 2;
		}
	}

	private DeconvJob() {}

	/** @return each layer's stack, in network order, as written */
	public static Map<Layer, Montage> run(Settings settings, JobListener listener) throws IOException {
		settings.check();
		RunResults results = RunResults.read(settings.output);
		Path images = results.imagesFolder;
		int k = results.top;
		List<TopkRow> rows = results.rows();
		NetworkRecord record = NetworkRecord.of(results.json(), settings.output);
		Network network = record.open();
		Map<Layer, List<TopkRow>> rowsByLayer = rowsByLayer(network, rows);
		List<Layer> layers = new ArrayList<>(rowsByLayer.keySet());
		if (!settings.layers.isEmpty()) {
			layers = network.parseLayers(String.join(",", settings.layers));
			for (Layer layer : layers)
				if (!rowsByLayer.containsKey(layer))
					throw new IOException(settings.output + " has no " + layer.name() + " winners in topk.csv; it has " +
						rowsByLayer.keySet().stream().map(Layer::name).reduce((a, b) -> a + "," + b).orElse("none"));
		}
		settings.checkStacks(layers, k);
		List<String> resultNames = layers.stream().map(layer -> LayerFiles.deconv(layer.name()))
			.collect(Collectors.toCollection(ArrayList::new));
		resultNames.add(RunJson.FILE);
		try (OutputFolder output = OutputFolder.addTo(settings.output, resultNames)) {
			return project(settings, listener, record, network, images, k, rowsByLayer, layers, output);
		}
	}

	/** The rows of each layer the scan has, in network order; a layer named by its node keeps that name. */
	private static Map<Layer, List<TopkRow>> rowsByLayer(Network network, List<TopkRow> rows) {
		Map<String, Layer> byName = new LinkedHashMap<>();
		for (TopkRow row : rows)
			byName.computeIfAbsent(row.layer, network::layer);
		Map<Layer, List<TopkRow>> rowsByLayer = new LinkedHashMap<>();
		byName.values().stream().sorted(Comparator.comparingInt(network::order))
			.forEach(layer -> rowsByLayer.put(layer, new ArrayList<>()));
		for (TopkRow row : rows)
			rowsByLayer.get(byName.get(row.layer)).add(row);
		return rowsByLayer;
	}

	private static Map<Layer, Montage> project(Settings settings, JobListener listener, NetworkRecord record,
		Network network, Path images, int k, Map<Layer, List<TopkRow>> rowsByLayer, List<Layer> layers, OutputFolder output)
		throws IOException
	{
		// Images replaced since the scan are other pictures: projecting them would show them as the scan's winners.
		WinnerImages scanned = WinnerImages.read(settings.output);
		Map<String, String> changed = scanned.changesSinceScan(images,
			rowsByLayer.values().stream().flatMap(List::stream).map(row -> row.image).collect(Collectors.toSet()));
		changed.forEach(listener::skipped);

		int threads = JobSettings.threadsOrCores(settings.threads);
		Map<Layer, Montage> stacks = new LinkedHashMap<>();
		try (ProjectionGraph net = ProjectionGraph.open(record, network, layers, settings.method, settings.device,
			threads, listener))
		{
			listener.status("Projecting on " + net.device().id().toUpperCase());
			WinnerProjector projector = new WinnerProjector(net, images, settings.batch);
			Map<Layer, List<TopkRow>> unchanged = new LinkedHashMap<>();
			for (Layer layer : layers)
				unchanged.put(layer, rowsByLayer.get(layer).stream().filter(row -> !changed.containsKey(row.image))
					.collect(Collectors.toList()));
			ProjectionCount count = new ProjectionCount(unchanged, listener);
			for (Layer layer : layers) {
				long start = System.nanoTime();
				List<ProjectedWinner> winners = projector.project(layer, unchanged.get(layer), listener::skipped,
					count::projected);
				if (listener.cancelled()) { // a layer's stack is written whole or not at all
					listener.status("Stopped before " + layer.name() + "'s projections were complete; the stacks " +
						"written before stay");
					break;
				}
				count.layerDone(winners.size());
				int cell = settings.cell > 0 ? settings.cell : MontageLayout.defaultCell(layer);
				Montage stack = DeconvMontage.of(layer, k, cell, winners);
				String file = LayerFiles.deconv(layer.name());
				output.write(file, written -> MontageFiles.write(stack, written));
				record(output, file, net);
				stacks.put(layer, stack);
				listener.status(String.format("%s: %d projections in %.1f s, written to %s", layer.name(), winners.size(),
					(System.nanoTime() - start) * 1e-9, output.resolve(file)));
			}
		}
		return stacks;
	}

	/** Adds the stack's entry to run.json's {@value #RUN_JSON_KEY} section. */
	private static void record(OutputFolder output, String file, ProjectionGraph net) throws IOException {
		Path runJson = output.resolve(RunJson.FILE);
		String json = new String(Files.readAllBytes(runJson), StandardCharsets.UTF_8);
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("method", net.method().id());
		entry.put("device", net.device().id());
		String recorded = RunJsonSection.with(json, RUN_JSON_KEY, file, entry);
		output.write(RunJson.FILE, written -> Files.write(written, recorded.getBytes(StandardCharsets.UTF_8)));
	}

	/** Projections done of all the chosen layers' winners, told to the listener with the rate and time left. */
	private static final class ProjectionCount {
		final JobListener listener;
		final int total;
		final long start = System.nanoTime();
		int doneBefore;

		ProjectionCount(Map<Layer, List<TopkRow>> winners, JobListener listener) {
			this.listener = listener;
			this.total = winners.values().stream().mapToInt(List::size).sum();
		}

		/** The count within the current layer; false when the user cancels. */
		boolean projected(int inLayer) {
			int done = doneBefore + inLayer;
			listener.progress("patches projected", done, total, done / Math.max(1e-9, (System.nanoTime() - start) * 1e-9));
			return !listener.cancelled();
		}

		void layerDone(int projected) {
			doneBefore += projected;
		}
	}
}
