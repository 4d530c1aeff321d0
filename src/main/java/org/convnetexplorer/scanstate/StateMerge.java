package org.convnetexplorer.scanstate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.convnetexplorer.images.SkippedFile;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.scan.UnitTopK;

/**
 * Combines parts of one scan (shards, Spark partitions) into one state: the same tables, counts and skipped files a
 * single scan of the union would have. Refuses parts of different scans and parts that overlap.
 */
public final class StateMerge {

	/** A part and what to call it in messages (a run's folder). */
	public static final class Part {
		public final String name;
		public final ScanState state;

		public Part(String name, ScanState state) {
			this.name = name;
			this.state = state;
		}
	}

	private StateMerge() {}

	/**
	 * Two parts into one, for Spark's reduce.
	 *
	 * @throws IllegalArgumentException if they are parts of different scans or overlap
	 */
	public static ScanState combine(ScanState a, ScanState b) {
		return merge(List.of(new Part("one part", a), new Part("another", b)), true);
	}

	/**
	 * Merges the parts.
	 *
	 * @param allowMissing whether chunks that no part covers are allowed (the result then does not cover them)
	 * @throws IllegalArgumentException naming the parts and what differs, overlaps or is missing
	 */
	public static ScanState merge(List<Part> parts, boolean allowMissing) {
		if (parts.isEmpty()) throw new IllegalArgumentException("nothing to merge");
		Part first = parts.get(0);
		for (Part part : parts.subList(1, parts.size())) {
			List<String> differences = first.state.identity.differences(part.state.identity, first.name, part.name);
			if (!differences.isEmpty()) throw new IllegalArgumentException(first.name + " and " + part.name +
				" are not parts of one scan: " + String.join("; ", differences));
		}
		BitSet union = new BitSet();
		for (int i = 0; i < parts.size(); i++)
			for (int j = i + 1; j < parts.size(); j++) {
				BitSet overlap = parts.get(i).state.covered();
				overlap.and(parts.get(j).state.covered());
				if (!overlap.isEmpty()) throw new IllegalArgumentException(describe(parts.get(i)) + " and " +
					describe(parts.get(j)) + " overlap: both scanned " + overlap.cardinality() + " chunk(s) of " +
					first.state.identity.batch() + " images, the first images " + images(first.state, overlap.nextSetBit(0)));
			}
		for (Part part : parts)
			union.or(part.state.covered());
		int chunks = first.state.chunkCount();
		if (!allowMissing && union.cardinality() < chunks) throw new IllegalArgumentException(missing(parts, union, chunks));

		Map<Layer, UnitTopK> topK = new LinkedHashMap<>();
		int scanned = 0;
		List<SkippedFile> leftOut = new ArrayList<>();
		List<SkippedFile> skipped = new ArrayList<>();
		for (Part part : parts) {
			scanned += part.state.scanned;
			leftOut.addAll(part.state.leftOut);
			skipped.addAll(part.state.skipped);
			for (UnitTopK table : part.state.topK.values()) {
				UnitTopK merged = topK.computeIfAbsent(table.layer, layer -> new UnitTopK(layer, table.k));
				for (int unit = 0; unit < table.layer.units(); unit++)
					for (int rank = 0; rank < table.count(unit); rank++)
						merged.offer(table.entry(unit, rank));
			}
		}
		// listing order: the listing is sorted by String.compareTo
		leftOut.sort(Comparator.comparing((SkippedFile skip) -> skip.path));
		skipped.sort(Comparator.comparing((SkippedFile skip) -> skip.path));
		return new ScanState(first.state.identity, ShardSpec.WHOLE, union, scanned, leftOut, skipped, topK);
	}

	private static String describe(Part part) {
		return part.name + " (shard " + part.state.shard + ")";
	}

	private static String images(ScanState state, int chunk) {
		int batch = state.identity.batch();
		return (chunk * batch + 1) + "-" + Math.min(state.identity.files(), (chunk + 1) * batch);
	}

	/** Says what is missing: unfinished shards, shards no part is of, or else how many chunks. */
	private static String missing(List<Part> parts, BitSet union, int chunks) {
		List<String> reasons = new ArrayList<>();
		for (Part part : parts)
			if (!part.state.shardDone()) {
				BitSet done = part.state.covered();
				reasons.add(describe(part) + " is unfinished (" + done.cardinality() + " of " +
					part.state.shardChunks().cardinality() + " chunks): resume it with --resume");
			}
		int count = parts.get(0).state.shard.count;
		if (parts.stream().allMatch(part -> part.state.shard.count == count)) {
			TreeSet<Integer> absent = new TreeSet<>();
			for (int index = 1; index <= count; index++)
				absent.add(index);
			for (Part part : parts)
				absent.remove(part.state.shard.index);
			for (int index : absent)
				reasons.add("no run of shard " + index + "/" + count);
		}
		BitSet missing = new BitSet();
		missing.set(0, chunks);
		missing.andNot(union);
		return "missing parts: " + (reasons.isEmpty() ? "" : String.join("; ", reasons) + "; ") + "in all " +
			missing.cardinality() + " of " + chunks + " chunks (" + parts.get(0).state.filesIn(missing) +
			" images) are in no run; --allow-missing merges the rest, marked partial";
	}
}
