package org.convnetexplorer.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.images.ImageDisplay;
import org.convnetexplorer.scanstate.Checkpointer;
import org.convnetexplorer.scanstate.ResumableScan;
import org.convnetexplorer.scanstate.ScanState;
import org.convnetexplorer.scanstate.StateStore;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.results.WinnerImages;
import org.convnetexplorer.runfile.RunKeys;
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
		public final RunReport report;
		public final ComputeDevice device;

		Outcome(ScanResult scan, List<TopkRow> rows, RunReport report, ComputeDevice device) {
			this.scan = scan;
			this.rows = rows;
			this.report = report;
			this.device = device;
		}
	}

	private TopPatchesJob() {}

	public static Outcome run(JobSettings settings, JobListener listener) throws IOException, InterruptedException {
		long start = System.nanoTime();
		ScanSettings scanSettings = settings.scanSettings();
		requireReadableFolder(settings.images);
		if (settings.output == null) throw new IOException("no output folder given");
		ResumableScan.checkOutput(settings.output, settings.resume, settings.overwrite);
		List<String> names = resultNames(settings.layers);
		try (OutputFolder output = settings.resume ? OutputFolder.addTo(settings.output, names)
			: OutputFolder.claim(settings.output, settings.overwrite, names))
		{
			return run(settings, scanSettings, output, listener, start);
		}
	}

	/** The files a scan of these layers writes. */
	public static List<String> resultNames(List<Layer> layers) {
		List<String> names = new ArrayList<>(List.of(TopkCsv.FILE, SkippedLog.FILE, WinnerImages.FILE, RunJson.FILE,
			ScanState.FILE_NAME));
		for (Layer layer : layers) {
			names.add(LayerFiles.units(layer.name()));
			names.add(LayerFiles.overview(layer.name()));
		}
		return names;
	}

	/** Fails with one line naming the folder and the reason, not with a bare path from deep in a listing. */
	private static void requireReadableFolder(Path images) throws IOException {
		if (images == null || !Files.isDirectory(images))
			throw new IOException("images folder " + images + " does not exist or is not a folder");
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(images)) {
			entries.iterator().hasNext();
		}
		catch (IOException | DirectoryIteratorException e) {
			throw new IOException("cannot read images folder " + images + " (" + FileProblems.reason(
				e instanceof DirectoryIteratorException ? ((DirectoryIteratorException) e).getCause() : e) + ")", e);
		}
	}

	private static Outcome run(JobSettings settings, ScanSettings scanSettings, OutputFolder output,
		JobListener listener, long start) throws IOException, InterruptedException
	{
		if (settings.atOwnSize) return NativeTopPatches.run(settings, output, listener, start);
		// TF's natives load while the folder is listed and hashed for the scan's identity, not after it
		TensorFlowRuntime.loadNativesInBackground();
		Network network = settings.network();
		ResumableScan resumable = ResumableScan.prepare(scanSettings, network, output, settings.resume,
			settings.shard, settings.precision.id());
		if (resumable.resumed()) listener.status("Resuming: " + resumable.filesBefore() + " images done at the checkpoint");
		else if (settings.resume) listener.status("No checkpoint in " + output.folder() + " yet: scanning from the start");
		// Decoding starts now: the first batches are ready, and the decoders warmed up, when the network is.
		try (Scanner scanner = resumable.startScanner()) {
			int threads = JobSettings.threadsOrCores(settings.threads);
			long networkStart = System.nanoTime();
			try (LiveHeapPeak liveHeap = new LiveHeapPeak();
				Trunk trunk = network.openTrunk(settings.layers, settings.device, threads, settings.precision, listener))
			{
				listener.status("Computing on " + trunk.device().id().toUpperCase() + " with TensorFlow " +
					TensorFlow.version());
				Timings timings = new Timings(start, RunReports.secondsSince(networkStart), liveHeap);
				return scanAndWrite(settings, scanSettings, resumable, scanner, trunk, output, listener, timings);
			}
		}
	}

	/** When the job began, how long the network took to set up, and the live heap's peak so far. */
	private static final class Timings {
		final long start;
		final double networkSeconds;
		final LiveHeapPeak liveHeap;

		Timings(long start, double networkSeconds, LiveHeapPeak liveHeap) {
			this.start = start;
			this.networkSeconds = networkSeconds;
			this.liveHeap = liveHeap;
		}
	}

	private static Outcome scanAndWrite(JobSettings settings, ScanSettings scanSettings, ResumableScan resumable,
		Scanner scanner, Trunk trunk, OutputFolder output, JobListener listener, Timings timings)
		throws IOException, InterruptedException
	{
		Checkpointer checkpoints;
		ScanResult scan;
		try (SkippedLog skipped = new SkippedLog(output.begin(SkippedLog.FILE), output.resolve(SkippedLog.FILE))) {
			checkpoints = resumable.checkpointer(trunk.provenance(), settings.checkpointEvery,
				new ScanMonitorToLog(listener, skipped), StateStore.in(output), listener::status);
			try {
				scan = checkpoints.result(scanner.scan(trunk, checkpoints, checkpoints.tables(), checkpoints));
			}
			catch (UncheckedIOException e) {
				throw e.getCause(); // skipped.csv could not be written: the message names it
			}
		}
		output.finish(SkippedLog.FILE);
		checkpoints.finish();
		// a shard's files may all be unreadable: its merge judges the whole
		if (scan.scanned == 0 && settings.shard.isWhole()) throw new IOException(scan.partial
			? "cancelled before any image was scanned"
			: "no readable image in " + settings.images + " (" + scan.skipped + " files skipped, reasons in " +
				output.resolve(SkippedLog.FILE) + ")");
		// A shard's montages are rendered by its merge, once for all shards.
		ResultFiles files = settings.shard.isWhole()
			? ResultFiles.write(scan, settings.images, settings.cell, settings.units,
				JobSettings.threadsOrCores(settings.threads), ImageDisplay.of(settings.network().input()).source(), output,
				listener)
			: ResultFiles.table(scan, output);
		RunReport report = report(settings, scanSettings, resumable, trunk, scan, files, checkpoints, timings);
		output.write(RunJson.FILE, report::write);
		checkpoints.resultsWritten(scan.partial); // only now: a kill before leaves what --resume completes
		return new Outcome(scan, files.rows, report, trunk.device());
	}

	private static RunReport report(JobSettings settings, ScanSettings scanSettings, ResumableScan resumable,
		Trunk trunk, ScanResult scan, ResultFiles files, Checkpointer checkpoints, Timings timings)
	{
		RunReport report = RunReports.subject(settings.images.toAbsolutePath().toString(), settings.recursive,
			trunk.provenance(), settings.layers.stream().map(Layer::name).collect(Collectors.toList()), settings.top,
			settings.units)
			.put(RunKeys.DEVICE_REQUESTED, settings.device.id())
			.put(RunKeys.DEVICE, trunk.device().id())
			.put(RunKeys.PRECISION, settings.precision.id())
			.put(RunKeys.CONVOLUTION, trunk.convolution())
			.put(RunKeys.BATCH, settings.batch)
			.put(RunKeys.DECODERS, scanSettings.decoders)
			.put(RunKeys.SHARD, settings.shard.toString())
			.put(RunKeys.RESUMED, resumable.resumed());
		return RunReports.versions(RunReports.outcome(report, scan)
			.put(RunKeys.SECONDS_NETWORK_SETUP, round(timings.networkSeconds))
			.put(RunKeys.SECONDS_SCAN, round(scan.seconds))
			.put(RunKeys.SECONDS_RENDER, round(files.renderSeconds))
			.put(RunKeys.SECONDS_RENDER_PATCHES, round(files.cutSeconds))
			.put(RunKeys.CHECKPOINTS, checkpoints.writes())
			.put(RunKeys.SECONDS_CHECKPOINTS, round(checkpoints.writeSeconds()))
			.put(RunKeys.SECONDS_TOTAL, round(RunReports.secondsSince(timings.start)))
			.put(RunKeys.SECONDS_FORWARD, round(scan.forwardSeconds))
			.put(RunKeys.IMAGES_PER_SECOND, round(scan.scanned / scan.seconds))
			.put(RunKeys.PEAK_HEAP_MB, round(RunReports.peakHeapMegabytes()))
			.put(RunKeys.PEAK_LIVE_HEAP_MB, timings.liveHeap.megabytes() == null ? null
				: round(timings.liveHeap.megabytes())), true);
	}

	private static double round(double value) {
		return RunReports.round(value);
	}
}
