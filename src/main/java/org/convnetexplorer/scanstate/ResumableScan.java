package org.convnetexplorer.scanstate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.convnetexplorer.files.CrashPoint;
import org.convnetexplorer.images.ImageFolder;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.scan.ScanMonitor;
import org.convnetexplorer.scan.ScanPlan;
import org.convnetexplorer.scan.ScanSettings;
import org.convnetexplorer.scan.Scanner;

/**
 * A scan of a folder, or of a shard of it, that keeps its state in the output folder: started fresh or resumed from
 * the checkpoint there. The order of the steps lets decoding start before the network exists, as a plain scan does:
 * {@link #prepare} (listing, checkpoint), {@link #startScanner}, then, with the network's provenance known,
 * {@link #checkpointer}.
 */
public final class ResumableScan {

	private final ScanSettings settings;
	private final Network network;
	private final ShardSpec shard;
	private final ImageFolder.Listing listing;
	private final String precision;
	/** The checkpoint resumed from, or null. */
	private final ScanState restored;
	private final ScanPlan plan;

	private ResumableScan(ScanSettings settings, Network network, ShardSpec shard, ImageFolder.Listing listing,
		String precision, ScanState restored, ScanPlan plan)
	{
		this.settings = settings;
		this.network = network;
		this.shard = shard;
		this.listing = listing;
		this.precision = precision;
		this.restored = restored;
		this.plan = plan;
	}

	/**
	 * Before the output folder is claimed: a fresh scan into a folder that holds a checkpoint is refused, with what to do
	 * instead, unless it may overwrite.
	 */
	public static void checkOutput(Path output, boolean resume, boolean overwrite) throws IOException {
		if (!resume && !overwrite && Files.exists(output.resolve(ScanState.FILE_NAME))) throw new IOException(
			"output folder " + output + " holds the checkpoint of an unfinished scan: add --resume (resume=true) to go " +
				"on with it, or --overwrite (overwrite=true) to start again");
	}

	/**
	 * Lists the folder and, when resuming, reads the checkpoint in the (claimed) output folder and checks that it is
	 * this scan's (all but what the network computes with, which {@link #checkpointer} checks). A resume that finds
	 * no checkpoint in a folder holding only files of ours, and no run.json, continues a run killed before its first
	 * checkpoint: it starts from the beginning.
	 *
	 * @throws IOException if the folder lists nothing, or a resume finds a finished scan, a different scan's
	 *           checkpoint or no checkpoint beside files of the user's
	 */
	public static ResumableScan prepare(ScanSettings settings, Network network, OutputFolder outputFolder,
		boolean resume, ShardSpec shard, String precision) throws IOException
	{
		Path output = outputFolder.folder();
		ImageFolder.Listing listing = ImageFolder.listing(settings.images, settings.recursive);
		CrashPoint.reached("listing");
		if (listing.files.isEmpty() && listing.leftOut.isEmpty()) throw new IOException("no files in " + settings.images);
		ScanPlan plan = ScanPlan.shard(listing.files, settings.batch, shard.index, shard.count);
		if (!resume) return new ResumableScan(settings, network, shard, listing, precision, null, plan);

		Path stateFile = output.resolve(ScanState.FILE_NAME);
		ScanState restored;
		try {
			restored = ScanState.read(stateFile, network);
		}
		catch (NoSuchFileException e) {
			if (Files.exists(output.resolve(RunJson.FILE))) throw new IOException("nothing to resume: the scan in " +
				output + " finished (it holds " + RunJson.FILE + " and no checkpoint, " + ScanState.FILE_NAME + ")");
			if (!outputFolder.holdsOnlyOurs()) throw new IOException("nothing to resume: " + output +
				" holds no checkpoint (" + ScanState.FILE_NAME + ") and files no run of ConvNet Explorer wrote");
			return new ResumableScan(settings, network, shard, listing, precision, null, plan);
		}
		ResumableScan scan = new ResumableScan(settings, network, shard, listing, precision, restored, plan);
		scan.requireSameScan(restored.identity.networkSha256());
		if (!restored.shard.equals(shard)) throw new IOException("cannot resume: the checkpoint in " + output +
			" is of shard " + restored.shard + ", not " + shard);
		// the chunks done are the first of the plan: batches are taken in file order
		int done = restored.covered().cardinality();
		BitSet expected = new BitSet();
		plan.chunks().subList(0, Math.min(done, plan.chunks().size())).forEach(chunk -> expected.set(chunk.index));
		if (!expected.equals(restored.covered()))
			throw new IOException(stateFile + " does not cover the first chunks of its shard: not a checkpoint of a scan");
		return new ResumableScan(settings, network, shard, listing, precision, restored, plan.after(done));
	}

	/** Whether this continues a checkpoint. */
	public boolean resumed() {
		return restored != null;
	}

	/** Images done before this session (those of the checkpoint). */
	public int filesBefore() {
		return restored == null ? 0 : restored.filesCovered();
	}

	/** Starts decoding what is left to scan. */
	public Scanner startScanner() {
		return Scanner.start(settings, plan);
	}

	/**
	 * The monitor and batch listener to scan with, and the tables to fill. A fresh scan reports what the listing left
	 * out (the first shard does, for all shards).
	 *
	 * @param provenance what the trunk computes with ({@link org.convnetexplorer.network.Trunk#provenance})
	 * @param every interval between checkpoints; zero for none (a stopped scan or a shard still writes its state)
	 * @throws IOException if the checkpoint resumed was made with other weights
	 */
	public Checkpointer checkpointer(Map<String, Object> provenance, Duration every, ScanMonitor next,
		StateStore store, Consumer<String> problems) throws IOException
	{
		ScanIdentity identity = requireSameScan(ScanIdentity.networkSha256(provenance));
		ScanState start = restored;
		if (start == null) start = new ScanState(identity, shard, new BitSet(), 0,
			shard.index == 1 ? listing.leftOut : List.of(), List.of(), Scanner.emptyTables(settings));
		return new Checkpointer(store, start, plan, every, next, problems);
	}

	private ScanIdentity requireSameScan(String networkSha256) throws IOException {
		ScanIdentity identity = ScanIdentity.of(settings.images.toAbsolutePath().normalize().toString(),
			settings.recursive, listing.files, network.name(), networkSha256, settings.input, precision,
			settings.layers.stream().map(Layer::name).collect(Collectors.toList()), settings.top, settings.batch);
		if (restored != null) {
			List<String> differences = restored.identity.differences(identity, "the checkpoint", "this run");
			if (!differences.isEmpty()) throw new IOException("cannot resume the checkpoint with other settings: " +
				String.join("; ", differences));
		}
		return identity;
	}
}
