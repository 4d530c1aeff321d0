package org.convnetexplorer.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.images.ImageDisplay;
import org.convnetexplorer.images.SkippedFile;
import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.scanstate.ScanIdentity;
import org.convnetexplorer.scanstate.ScanState;
import org.convnetexplorer.scanstate.StateMerge;
import org.convnetexplorer.scanstate.StateStore;
import org.convnetexplorer.files.ExclusiveFileLock;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.runfile.RunKeys;
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
		public int cell = JobSettings.CELL;
		public List<Integer> units = JobSettings.DEFAULT_UNITS;
		/** Rendering threads; 0 for one per core. */
		public int threads = JobSettings.THREADS;

		/**
		 * The options checked before any work, with the scan's messages for the options they share; the units are
		 * checked against the layers once the runs are read.
		 *
		 * @throws IllegalArgumentException naming the setting that is wrong
		 */
		public void check() {
			JobSettings.checkCell(cell);
			JobSettings.checkThreads(threads);
		}
	}

	private MergeJob() {}

	public static TopPatchesJob.Outcome run(Settings settings, JobListener listener) throws IOException,
		InterruptedException
	{
		long start = System.nanoTime();
		settings.check();
		if (settings.runs.isEmpty()) throw new IOException("no runs to merge");
		if (settings.output == null) throw new IOException("no output folder given");
		// The network, rebuilt as the first run that finished recorded it: its layers place and size the patches.
		Path finishedRun = settings.runs.stream().filter(run -> Files.isRegularFile(run.resolve(RunJson.FILE)))
			.findFirst().orElseThrow(() -> new IOException("none of the runs has finished: no " + RunJson.FILE +
				" in any"));
		NetworkRecord record = NetworkRecord.of(RunJson.read(finishedRun), finishedRun);
		Network network = record.open();
		Map<String, Object> provenance = record.provenance(network);
		List<StateMerge.Part> parts = new ArrayList<>();
		for (Path run : settings.runs)
			parts.add(part(run, settings.output, network));
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
		details.put(RunKeys.MERGED_FROM, settings.runs.stream().map(run -> run.toAbsolutePath().toString())
			.collect(Collectors.toList()));
		details.put(RunKeys.SHARDS, parts.stream().map(part -> part.state.shard.toString()).collect(Collectors.toList()));
		String sha256 = ScanIdentity.networkSha256(provenance);
		if (!merged.identity.networkSha256().equals(sha256) || !merged.identity.input().equals(network.input().toString()))
			throw new IOException("the runs' " + ScanState.FILE_NAME + " and " + finishedRun.resolve(RunJson.FILE) +
				" record different networks or inputs");
		Path images = Paths.get(merged.identity.images());
		return writeResults(merged, images, provenance, settings, details, listener, start);
	}

	/** A shard run's state, refused where the folder is no shard run or is the output folder. */
	private static StateMerge.Part part(Path run, Path output, Network network) throws IOException {
		requireRunFolder(run);
		if (Files.isDirectory(output) && Files.isSameFile(run, output))
			throw new IOException("the output folder " + output + " is one of the runs merged");
		try {
			return new StateMerge.Part(run.toString(), ScanState.read(run.resolve(ScanState.FILE_NAME), network));
		}
		catch (NoSuchFileException e) {
			throw new IOException(run + " holds no " + ScanState.FILE_NAME + ": not a shard run (scan --shard I/N " +
				"writes one)");
		}
	}

	/** Refuses a run folder that does not exist, or whose run still holds its lock: a shard still scanning. */
	private static void requireRunFolder(Path run) throws IOException {
		if (!Files.exists(run)) throw new IOException("run folder " + run + " does not exist");
		if (!Files.isDirectory(run)) throw new IOException("run " + run + " is a file, not a run's folder");
		Path lockFile = run.resolve(OutputFolder.LOCK_FILE);
		if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) return;
		ExclusiveFileLock lock;
		try {
			lock = ExclusiveFileLock.tryLock(lockFile);
		}
		catch (IOException e) {
			return; // a lock we may not open for writing: a run of another user's, not for us to judge
		}
		if (lock == null) throw new IOException(run + " is in use by a ConvNet Explorer run still going on: wait for " +
			"it to end, then merge");
		lock.close();
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
					for (SkippedFile skip : merged.allSkipped())
						skipped.add(skip.path, skip.reason);
				}
			});
			ResultFiles files = ResultFiles.write(scan, images, settings.cell, settings.units,
				JobSettings.threadsOrCores(settings.threads), display(provenance).source(), output, listener);
			StateStore.in(output).save(merged);
			RunReport report = runReport(merged, scan, provenance, settings, details, files, start);
			output.write(RunJson.FILE, report::write);
			return new TopPatchesJob.Outcome(scan, files.rows, report, null);
		}
	}

	/** How the scans showed their images: stretched where run.json's normalize replaced mean and std. */
	private static ImageDisplay display(Map<String, Object> provenance) {
		Object normalize = provenance.get(RunKeys.NORMALIZE);
		return normalize == null ? ImageDisplay.AS_DECODED : new ImageDisplay(Normalization.parse(normalize.toString()),
			((Number) provenance.get(RunKeys.INPUT_CHANNELS)).intValue());
	}

	private static RunReport runReport(ScanState merged, ScanResult scan, Map<String, Object> provenance,
		Settings settings, Map<String, Object> details, ResultFiles files, long start)
	{
		ScanIdentity identity = merged.identity;
		RunReport report = RunReports.subject(identity.images(), identity.recursive(), provenance, identity.layers(),
			identity.top(), settings.units)
			.put(RunKeys.PRECISION, identity.precision())
			.put(RunKeys.BATCH, identity.batch());
		details.forEach(report::put);
		return RunReports.versions(RunReports.outcome(report, scan)
			.put(RunKeys.SECONDS_RENDER, RunReports.round(files.renderSeconds))
			.put(RunKeys.SECONDS_TOTAL, RunReports.round(RunReports.secondsSince(start))), false);
	}
}
