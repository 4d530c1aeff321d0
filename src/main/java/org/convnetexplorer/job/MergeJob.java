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

import org.convnetexplorer.cluster.ScanIdentity;
import org.convnetexplorer.cluster.ScanState;
import org.convnetexplorer.cluster.StateMerge;
import org.convnetexplorer.cluster.StateStore;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.runfile.RunFile;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.weights.Sha256;

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
	}

	private MergeJob() {}

	public static TopPatchesJob.Outcome run(Settings settings, JobListener listener) throws IOException,
		InterruptedException
	{
		long start = System.nanoTime();
		if (settings.runs.isEmpty()) throw new IOException("no runs to merge");
		if (settings.output == null) throw new IOException("no output folder given");
		// The network, rebuilt as the first run that finished recorded it: its layers place and size the patches.
		RunJson finished = null;
		Path finishedRun = null;
		for (Path run : settings.runs)
			if (finished == null && Files.isRegularFile(run.resolve(RunJson.FILE))) {
				finished = RunJson.read(run);
				finishedRun = run;
			}
		if (finished == null) throw new IOException("none of the runs has finished: no " + RunJson.FILE + " in any");
		Map<String, Object> provenance = new LinkedHashMap<>();
		Network network = recordedNetwork(finished, finishedRun, provenance);
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
		String sha256 = ScanIdentity.networkSha256(provenance);
		if (!merged.identity.get("network_sha256").equals(sha256) ||
			!merged.identity.get("input").equals(network.input().toString()))
			throw new IOException("the runs' " + ScanState.FILE_NAME + " and " + finishedRun.resolve(RunJson.FILE) +
				" record different networks or inputs");
		Path images = Paths.get(merged.identity.get("images"));
		return writeResults(merged, images, provenance, settings, details, listener, start);
	}

	/**
	 * The network a run scanned, rebuilt from its run.json: an ONNX model (whose file must still be the one scanned:
	 * the same SHA-256) at the recorded input size and normalisation, else the built-in AlexNet.
	 *
	 * @param provenance receives what run.json records of the network, for the merged run.json
	 */
	public static Network recordedNetwork(RunJson run, Path runFolder, Map<String, Object> provenance)
		throws IOException
	{
		if (!run.has("model")) {
			String weights = run.string("weights");
			provenance.put("weights", weights);
			provenance.put("weights_sha256", run.string("weights_sha256"));
			return new AlexNet(weights, null);
		}
		Path model = Paths.get(run.string("model"));
		if (!Files.isRegularFile(model)) throw new IOException("the model " + model + " that " + runFolder +
			" scanned is gone: merge renders the montages with the model's layers");
		String recorded = run.string("model_sha256");
		String now = Sha256.hexOf(model);
		if (!now.equals(recorded)) throw new IOException("the model " + model + " is not the file " + runFolder +
			" scanned (SHA-256 " + now.substring(0, 12) + "… now, " + recorded.substring(0, Math.min(12,
				recorded.length())) + "… in its " + RunJson.FILE + ")");
		OnnxNetwork network;
		try {
			network = OnnxNetwork.open(model, run.integer("input_size"), run.floats("mean"), run.floats("std"));
		}
		catch (IllegalArgumentException e) {
			throw new IOException(runFolder.resolve(RunJson.FILE) + ": " + e.getMessage(), e);
		}
		provenance.putAll(OnnxNetwork.provenance(network.model(), network.input(), now));
		return network;
	}

	/**
	 * Writes a whole scan's files from the merged state of its parts: skipped.csv, topk.csv, the montages (cut from the
	 * images under {@code images}), the state itself, and run.json with the state's settings, {@code details} and
	 * the counts; partial when the parts do not cover the listing.
	 *
	 * @param provenance what the network computes with (weights, or model and input), as a scan's run.json records it:
	 *          later steps (deconv, another merge) rebuild the network from it
	 */
	public static TopPatchesJob.Outcome writeResults(ScanState merged, Path images, Map<String, Object> provenance,
		Settings settings,
		Map<String, Object> details, JobListener listener, long start) throws IOException, InterruptedException
	{
		boolean partial = merged.covered().cardinality() < merged.chunkCount();
		List<Layer> layers = new ArrayList<>(merged.topK.keySet());
		try (OutputFolder output = OutputFolder.claim(settings.output, settings.overwrite,
			TopPatchesJob.resultNames(layers)))
		{
			// what the listing left out counts as skipped, as skipped.csv lists it
			ScanResult scan = new ScanResult(merged.topK, merged.identity.files() + merged.leftOut.size(), merged.scanned,
				merged.allSkipped().size(), partial, 0, 0);
			output.write(SkippedLog.FILE, file -> {
				try (SkippedLog skipped = new SkippedLog(file)) {
					for (String[] skip : merged.allSkipped())
						skipped.add(skip[0], skip[1]);
				}
			});
			ResultFiles files = ResultFiles.write(scan, images, settings.cell, settings.units,
				JobSettings.threadsOrCores(settings.threads), output, listener);
			StateStore.in(output).save(merged);
			RunReport report = runReport(merged, scan, provenance, settings, details, files, start);
			output.write(RunJson.FILE, report::write);
			return new TopPatchesJob.Outcome(scan, files.rows, files.montages, report, null);
		}
	}

	private static RunReport runReport(ScanState merged, ScanResult scan, Map<String, Object> provenance,
		Settings settings,
		Map<String, Object> details, ResultFiles files, long start)
	{
		RunReport report = new RunReport()
			.put("images", merged.identity.get("images"))
			.put("recursive", Boolean.valueOf(merged.identity.get("recursive")))
			.putAll(provenance)
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
			.put(RunFile.VERSION_KEY, TopPatchesJob.version())
			.put("java_version", System.getProperty("java.version"));
	}
}
