package org.convnetexplorer.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.cluster.ScanState;
import org.convnetexplorer.cluster.StateMerge;
import org.convnetexplorer.cluster.StateStore;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.scan.ScanResult;

/**
 * {@code merge}: shard runs of one scan into the output of a single scan over their union (the same topk.csv), with
 * the montages rendered once, from the original images.
 */
public final class MergeJob {

	/** What a merge needs. */
	public static final class Settings {
		public List<Path> runs = new ArrayList<>();
		public Path output;
		/** Merge what there is when shards are missing or unfinished; the result is marked partial. */
		public boolean allowMissing;
		public boolean overwrite;
		public int cell;
		public List<Integer> units = JobSettings.parseUnits(null);
		/** Rendering threads; 0 for one per core. */
		public int threads;
		/** The network the runs scanned; null for the built-in AlexNet with the weights the runs recorded. */
		public Network network;
	}

	private MergeJob() {}

	public static TopPatchesJob.Outcome run(Settings settings, JobListener listener) throws IOException,
		InterruptedException
	{
		long start = System.nanoTime();
		if (settings.runs.isEmpty()) throw new IOException("no runs to merge");
		if (settings.output == null) throw new IOException("no output folder given");
		// The network's files, for later steps (deconv), as the first run that finished recorded them.
		RunJson finished = null;
		for (Path run : settings.runs)
			if (finished == null && Files.isRegularFile(run.resolve(RunJson.FILE))) finished = RunJson.read(run);
		if (finished == null) throw new IOException("none of the runs has finished: no " + RunJson.FILE + " in any");
		if (settings.network == null && !finished.has("weights")) throw new IOException("merge works with scans of the " +
			"built-in AlexNet; these are scans of " + (finished.has("model") ? "the model " + finished.string("model")
				: "another network"));
		String weights = finished.string("weights");
		Network network = settings.network != null ? settings.network : new AlexNet(weights, null);
		List<StateMerge.Part> parts = new ArrayList<>();
		for (Path run : settings.runs) {
			if (Files.isDirectory(settings.output) && Files.isSameFile(run, settings.output))
				throw new IOException("the output folder " + settings.output + " is one of the runs merged");
			try {
				parts.add(new StateMerge.Part(run.toString(), ScanState.read(run.resolve(ScanState.FILE_NAME), network)));
			}
			catch (NoSuchFileException e) {
				throw new IOException(run + " holds no " + ScanState.FILE_NAME + ": not a shard run (scan --shard I/N " +
					"writes one)");
			}
		}
		ScanState merged;
		try {
			merged = StateMerge.merge(parts, settings.allowMissing);
		}
		catch (IllegalArgumentException e) {
			throw new IOException("cannot merge: " + e.getMessage(), e);
		}
		if (merged.covered().cardinality() < merged.chunkCount()) listener.status("Merging what there is: " +
			merged.filesCovered() + " of " + merged.identity.files() + " images are in the runs; the result is marked " +
			"partial");
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("merged_from", settings.runs.stream().map(run -> run.toAbsolutePath().toString())
			.collect(Collectors.toList()));
		details.put("shards", parts.stream().map(part -> part.state.shard.toString()).collect(Collectors.toList()));
		Path images = Paths.get(merged.identity.get("images"));
		return writeResults(merged, images, weights, settings, details, listener, start);
	}

	/**
	 * Writes a whole scan's files from the merged state of its parts: skipped.csv, topk.csv, the montages (cut from the
	 * images under {@code images}), the state itself, and run.json with the state's settings, {@code details} and
	 * the counts; partial when the parts do not cover the listing.
	 *
	 * @param weights the weights file, for later steps (deconv) that run the network again
	 */
	public static TopPatchesJob.Outcome writeResults(ScanState merged, Path images, String weights, Settings settings,
		Map<String, Object> details, JobListener listener, long start) throws IOException, InterruptedException
	{
		boolean partial = merged.covered().cardinality() < merged.chunkCount();
		List<Layer> layers = new ArrayList<>(merged.topK.keySet());
		try (OutputFolder output = OutputFolder.claim(settings.output, settings.overwrite,
			TopPatchesJob.resultNames(layers)))
		{
			ScanResult scan = new ScanResult(merged.topK, merged.identity.files(), merged.scanned,
				merged.skipped.size(), partial, 0, 0);
			output.write(SkippedLog.FILE, file -> {
				try (SkippedLog skipped = new SkippedLog(file)) {
					for (String[] skip : merged.allSkipped())
						skipped.add(skip[0], skip[1]);
				}
			});
			ResultFiles files = ResultFiles.write(scan, images, settings.cell, settings.units,
				JobSettings.threadsOrCores(settings.threads), output, listener);
			StateStore.in(output).save(merged);
			RunReport report = runReport(merged, scan, weights, settings, details, files, start);
			output.write(RunJson.FILE, report::write);
			return new TopPatchesJob.Outcome(scan, files.rows, files.montages, report, null);
		}
	}

	private static RunReport runReport(ScanState merged, ScanResult scan, String weights, Settings settings,
		Map<String, Object> details, ResultFiles files, long start)
	{
		RunReport report = new RunReport()
			.put("images", merged.identity.get("images"))
			.put("recursive", Boolean.valueOf(merged.identity.get("recursive")))
			.put("weights", weights)
			.put("weights_sha256", merged.identity.get("weights_sha256"))
			.put("layers", List.of(merged.identity.get("layers").split(",")))
			.put("top", Integer.valueOf(merged.identity.get("top")))
			.put("overview_units", settings.units)
			.put("precision", merged.identity.get("precision"))
			.put("batch", merged.identity.batch());
		details.forEach(report::put);
		return report.put("images_total", scan.total)
			.put("images_scanned", scan.scanned)
			.put("images_skipped", scan.skipped)
			.put("partial", scan.partial)
			.put("seconds_render", TopPatchesJob.round(files.renderSeconds))
			.put("seconds_total", TopPatchesJob.round((System.nanoTime() - start) * 1e-9))
			.put("convnet_explorer_version", TopPatchesJob.version())
			.put("java_version", System.getProperty("java.version"));
	}
}
