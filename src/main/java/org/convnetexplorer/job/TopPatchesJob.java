package org.convnetexplorer.job;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageRenderer;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.ScanSettings;
import org.convnetexplorer.scan.Scanner;
import org.tensorflow.TensorFlow;

/**
 * The whole job behind every front end: weights → network → scan of the folder → montages and tables in the output
 * folder. Front ends (CLI, Fiji command) only collect settings, show progress and display what this returns.
 */
public final class TopPatchesJob {

	/** What a finished job produced, in memory as well as in the output folder. */
	public static final class Outcome {
		public final ScanResult scan;
		public final List<TopkRow> rows;
		public final Map<Layer, LayerMontages> montages;
		public final RunReport report;
		public final ComputeDevice device;

		Outcome(ScanResult scan, List<TopkRow> rows, Map<Layer, LayerMontages> montages, RunReport report,
			ComputeDevice device)
		{
			this.scan = scan;
			this.rows = rows;
			this.montages = montages;
			this.report = report;
			this.device = device;
		}
	}

	private TopPatchesJob() {}

	public static Outcome run(JobSettings settings, JobListener listener) throws IOException, InterruptedException {
		long start = System.nanoTime();
		if (settings.images == null || !Files.isDirectory(settings.images))
			throw new IOException("images folder " + settings.images + " does not exist or is not a folder");
		if (settings.output == null) throw new IOException("no output folder given");
		ScanSettings scanSettings = settings.scanSettings();
		Network network = settings.network();
		OutputFolder.prepare(settings.output, settings.overwrite);

		TensorFlowRuntime.loadNativesInBackground();
		// Decoding starts now: the first batches are ready, and the decoders warmed up, when the network is.
		try (Scanner scanner = Scanner.start(scanSettings)) {
			int threads = JobSettings.threadsOrCores(settings.threads);
			long networkStart = System.nanoTime();
			try (LiveHeapPeak liveHeap = new LiveHeapPeak();
				Trunk trunk = network.openTrunk(settings.layers, settings.device, threads, settings.precision, listener);
				SkippedLog skipped = new SkippedLog(settings.output.resolve("skipped.csv")))
			{
				listener.status("Computing on " + trunk.device().id().toUpperCase() + " with TensorFlow " +
					TensorFlow.version());
				double networkSeconds = seconds(networkStart);
				ScanResult scan = scanner.scan(trunk, new ScanMonitorToLog(listener, skipped));
				if (scan.scanned == 0) throw new IOException(scan.partial ? "cancelled before any image was scanned"
					: "no readable image in " + settings.images + " (" + scan.skipped + " files skipped, reasons in " +
						settings.output.resolve("skipped.csv") + ")");
				// The table first: it is the scan's result, and survives whatever happens while rendering.
				List<TopkRow> rows = TopkCsv.rows(scan);
				TopkCsv.write(rows, settings.output.resolve("topk.csv"));

				listener.status("Cutting receptive fields from " + settings.images);
				long renderStart = System.nanoTime();
				Map<Layer, LayerMontages> montages = new MontageRenderer(settings.images, settings.cell,
					settings.units, threads).render(scan, (image, reason) -> listener.status(
						"Could not re-open " + image + " for its patches (" + reason + "): its cells stay empty"));
				double cutSeconds = seconds(renderStart);
				for (LayerMontages layer : montages.values()) {
					MontageFiles.write(layer.units, settings.output.resolve(LayerFiles.units(layer.layer.name())));
					MontageFiles.write(layer.overview, settings.output.resolve(LayerFiles.overview(layer.layer.name())));
				}
				double renderSeconds = seconds(renderStart);

				RunReport report = new RunReport()
					.put("images", settings.images.toAbsolutePath().toString())
					.put("recursive", settings.recursive)
					.putAll(trunk.provenance())
					.put("layers", settings.layers.stream().map(Layer::name).collect(Collectors.toList()))
					.put("top", settings.top)
					.put("overview_units", settings.units)
					.put("device_requested", settings.device.id())
					.put("device", trunk.device().id())
					.put("precision", settings.precision.id())
					.put("convolution", trunk.convolution())
					.put("batch", settings.batch)
					.put("decoders", scanSettings.decoders)
					.put("images_total", scan.total)
					.put("images_scanned", scan.scanned)
					.put("images_skipped", skipped.count())
					.put("partial", scan.partial)
					.put("seconds_network_setup", round(networkSeconds))
					.put("seconds_scan", round(scan.seconds))
					.put("seconds_render", round(renderSeconds))
					.put("seconds_render_patches", round(cutSeconds))
					.put("seconds_total", round(seconds(start)))
					.put("seconds_forward", round(scan.forwardSeconds))
					.put("images_per_second", round(scan.scanned / scan.seconds))
					.put("peak_heap_mb", round(peakHeapMegabytes()))
					.put("peak_live_heap_mb", liveHeap.megabytes() == null ? null : round(liveHeap.megabytes()))
					.put("convnet_explorer_version", version())
					.put("tensorflow_version", TensorFlow.version())
					.put("java_version", System.getProperty("java.version"));
				report.write(settings.output.resolve("run.json"));
				return new Outcome(scan, rows, montages, report, trunk.device());
			}
		}
	}

	/** Sum of the heap pools' peaks, garbage included: how much heap the collector let the run use. */
	private static double peakHeapMegabytes() {
		long bytes = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) bytes += pool.getPeakUsage().getUsed();
		return bytes / 1e6;
	}

	private static String version() {
		String version = TopPatchesJob.class.getPackage().getImplementationVersion();
		return version != null ? version : "development";
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) * 1e-9;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}
}
