package org.convnetexplorer.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

import org.convnetexplorer.images.SampleDisplay;
import org.convnetexplorer.images.SampleNormalization;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.onnx.OnnxTiles;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.tiles.NativeScan;
import org.convnetexplorer.tiles.NativeSettings;

/**
 * The job at each image's own size ({@code --input-size native}): the model in tiles ({@link NativeScan}), then the
 * same result files as a scan at a fixed size, the patches cut from the chosen channels and plane, and run.json saying
 * how the images were tiled. No checkpoints: a native-size scan is not resumed.
 */
final class NativeTopPatches {

	private NativeTopPatches() {}

	static TopPatchesJob.Outcome run(JobSettings settings, OutputFolder output, JobListener listener, long start)
		throws IOException, InterruptedException
	{
		TensorFlowRuntime.loadNativesInBackground();
		Network chosen = settings.network();
		if (!(chosen instanceof OnnxNetwork)) throw new IllegalArgumentException("--input-size native is for ONNX models");
		OnnxNetwork network = (OnnxNetwork) chosen;
		SampleNormalization normalization = SampleNormalization.of(network.input());
		NativeSettings nativeSettings = new NativeSettings(settings.channels, settings.plane, settings.perImage,
			settings.top, settings.tile, (long) JobSettings.TILE_MEMORY_MB << 20, normalization);
		int threads = JobSettings.threadsOrCores(settings.threads);
		long networkStart = System.nanoTime();
		try (LiveHeapPeak liveHeap = new LiveHeapPeak();
			OnnxTiles tiles = OnnxTiles.open(network, settings.layers, settings.device, threads, listener))
		{
			double networkSeconds = RunReports.secondsSince(networkStart);
			NativeScan scan = new NativeScan(nativeSettings, tiles);
			listener.status("Scanning each image at its own size, in tiles of at most " + scan.tile() + "×" +
				scan.tile() + " pixels, on " + tiles.device().id().toUpperCase());
			ScanResult result;
			try (SkippedLog skipped = new SkippedLog(output.begin(SkippedLog.FILE), output.resolve(SkippedLog.FILE))) {
				result = scan.scan(settings.images, settings.recursive, new ScanMonitorToLog(listener, skipped));
			}
			catch (UncheckedIOException e) {
				throw e.getCause();
			}
			output.finish(SkippedLog.FILE);
			if (result.scanned == 0) throw new IOException(result.partial ? "cancelled before any image was scanned"
				: "no readable image in " + settings.images + " (" + result.skipped + " files skipped, reasons in " +
					output.resolve(SkippedLog.FILE) + ")");
			ResultFiles files = ResultFiles.write(result, settings.images, settings.cell, settings.units, threads,
				SampleDisplay.of(settings.channels, settings.plane, normalization), output, listener);
			RunReport report = report(settings, tiles, scan, result, files)
				.put(RunKeys.SECONDS_NETWORK_SETUP, RunReports.round(networkSeconds))
				.put(RunKeys.SECONDS_TOTAL, RunReports.round(RunReports.secondsSince(start)))
				.put(RunKeys.PEAK_HEAP_MB, RunReports.round(RunReports.peakHeapMegabytes()))
				.put(RunKeys.PEAK_LIVE_HEAP_MB, liveHeap.megabytes() == null ? null
					: RunReports.round(liveHeap.megabytes()));
			output.write(RunJson.FILE, RunReports.versions(report, true)::write);
			return new TopPatchesJob.Outcome(result, files.rows, report, tiles.device());
		}
	}

	private static RunReport report(JobSettings settings, OnnxTiles tiles, NativeScan scan, ScanResult result,
		ResultFiles files)
	{
		RunReport report = RunReports.subject(settings.images.toAbsolutePath().toString(), settings.recursive,
			tiles.provenance(), settings.layers.stream().map(Layer::name).collect(Collectors.toList()), settings.top,
			settings.units)
			.put(RunKeys.NATIVE_SIZE, true)
			.put(RunKeys.CHANNELS, settings.channels)
			.put(RunKeys.PLANE, settings.plane)
			.put(RunKeys.PER_IMAGE, settings.perImage)
			.put(RunKeys.TILE_PX, scan.tile())
			.put(RunKeys.TILE_MEMORY_MB, settings.tile > 0 ? null : JobSettings.TILE_MEMORY_MB)
			.put(RunKeys.TILE_ALIGNMENT_PX, tiles.alignment())
			.put(RunKeys.SIZE_STEP_PX, tiles.sizeStep())
			.put(RunKeys.TILES, scan.tilesRun())
			.put(RunKeys.IMAGES_TILED, scan.imagesTiled())
			.put(RunKeys.DEVICE_REQUESTED, settings.device.id())
			.put(RunKeys.DEVICE, tiles.device().id());
		return RunReports.outcome(report, result)
			.put(RunKeys.SECONDS_SCAN, RunReports.round(result.seconds))
			.put(RunKeys.SECONDS_FORWARD, RunReports.round(result.forwardSeconds))
			.put(RunKeys.SECONDS_RENDER, RunReports.round(files.renderSeconds))
			.put(RunKeys.IMAGES_PER_SECOND, RunReports.round(result.scanned / result.seconds));
	}
}
