package org.convnetexplorer.scanstate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.convnetexplorer.images.SkippedFile;
import org.convnetexplorer.files.CrashPoint;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.scan.ScanMonitor;
import org.convnetexplorer.scan.ScanPlan;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.UnitTopK;

/**
 * Keeps a scan's state as the scanner reports batches (it sits between the scanner and the front end's monitor) and
 * writes it to the state file when the interval has passed since the last write, on the scanning thread between two
 * batches, when the tables hold exactly the chunks reported done.
 */
public final class Checkpointer implements ScanMonitor, IntConsumer {

	private final StateStore store;
	private final ScanIdentity identity;
	private final ShardSpec shard;
	private final List<ScanPlan.Chunk> plan;
	private final Map<Layer, UnitTopK> topK;
	private final ScanMonitor next;
	private final long intervalNanos;
	private final Consumer<String> problems;
	private final BitSet covered;
	private final List<SkippedFile> leftOut;
	private final List<SkippedFile> skipped;
	private final int filesBefore;
	private int scanned;
	/** Skipped files reported since the last batch done. */
	private int newlySkipped;
	private int planDone;
	private long lastWrite = System.nanoTime();
	private int writes;
	private long writeNanos;

	/**
	 * @param start the restored state, or an empty one (with what the listing left out, if this scan reports it); its
	 *          tables are the ones the scan goes on filling
	 * @param plan what this scanner scans after {@code start}
	 * @param every the interval between writes; zero for none
	 * @param problems told, as a line, of a checkpoint that could not be written (the scan goes on)
	 */
	Checkpointer(StateStore store, ScanState start, ScanPlan plan, Duration every, ScanMonitor next,
		Consumer<String> problems)
	{
		this.store = store;
		identity = start.identity;
		shard = start.shard;
		this.plan = plan.chunks();
		topK = start.topK;
		this.next = next;
		intervalNanos = every.toNanos();
		this.problems = problems;
		covered = start.covered();
		leftOut = start.leftOut;
		skipped = new ArrayList<>(start.skipped);
		scanned = start.scanned;
		filesBefore = start.filesCovered();
		for (SkippedFile skip : start.allSkipped())
			next.skipped(skip.path, skip.reason); // skipped.csv starts with what the listing left out and was skipped before
	}

	/**
	 * Keeps the state of a part of a scan in memory, never in a file: a Spark partition's.
	 *
	 * @param start where the part starts: an empty state, or the one of the part's earlier chunks
	 */
	public static Checkpointer inMemory(ScanState start, ScanPlan plan, ScanMonitor next) {
		return new Checkpointer(StateStore.NONE, start, plan, Duration.ZERO, next, problem -> {});
	}

	/** The tables the scan fills. */
	public Map<Layer, UnitTopK> tables() {
		return topK;
	}

	/** Called by the scanner after each batch with the number of the plan's chunks done. */
	@Override
	public void accept(int chunksDone) {
		for (; planDone < chunksDone; planDone++) {
			ScanPlan.Chunk chunk = plan.get(planDone);
			covered.set(chunk.index);
			scanned += chunk.files.size();
		}
		// the chunks' skipped files were reported before their batch: scanned is files done less files skipped
		scanned -= newlySkipped;
		newlySkipped = 0;
		if (intervalNanos > 0 && System.nanoTime() - lastWrite >= intervalNanos) write();
		CrashPoint.reached("batch " + planDone);
	}

	@Override
	public void progress(int done, int total, double imagesPerSecond) {
		next.progress(filesBefore + done, filesBefore + total, imagesPerSecond);
	}

	@Override
	public void skipped(String path, String reason) {
		skipped.add(new SkippedFile(path, reason));
		newlySkipped++;
		next.skipped(path, reason);
	}

	@Override
	public boolean cancelled() {
		return next.cancelled();
	}

	/** The state as of the last batch reported. */
	public ScanState state() {
		return new ScanState(identity, shard, covered, scanned, leftOut, skipped, topK);
	}

	/** Writes the state now; a failure is reported and the scan goes on. */
	public void write() {
		long start = System.nanoTime();
		try {
			store.save(state());
			writes++;
		}
		catch (IOException e) {
			problems.accept("Could not write the checkpoint (" + e.getMessage() + "); the scan goes on");
		}
		lastWrite = System.nanoTime();
		writeNanos += lastWrite - start;
	}

	/**
	 * After the scan, before any result is written: the state is saved, so that a run killed (or out of disk space)
	 * while writing its results leaves a checkpoint that --resume completes. A stopped scan or a shard keeps it (to
	 * resume, or to merge); {@link #resultsWritten} removes a finished scan's.
	 */
	public void finish() {
		write();
	}

	/** After every result of the scan exists: a whole scan that finished needs no checkpoint, and it goes. */
	public void resultsWritten(boolean partial) throws IOException {
		if (!partial && shard.isWhole()) store.remove();
	}

	/**
	 * The scanner's result for this session, with the counts of the whole scan so far; what the listing left out counts
	 * as skipped, as skipped.csv lists it.
	 */
	public ScanResult result(ScanResult session) {
		return new ScanResult(topK, filesBefore + session.total + leftOut.size(), scanned, leftOut.size() + skipped.size(),
			session.partial, session.seconds, session.forwardSeconds);
	}

	/** Checkpoints written so far. */
	public int writes() {
		return writes;
	}

	/** Time spent writing them. */
	public double writeSeconds() {
		return writeNanos * 1e-9;
	}
}
