package org.convnetexplorer.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files a scan reads, in chunks of one batch each: chunk c holds files {@code c × batch} up to
 * {@code (c + 1) × batch} of the sorted folder listing. A whole folder, a shard of it, a Spark partition or what a
 * checkpoint left are all sets of whole chunks, so every image meets the network in the same batch, beside the same
 * images, as in a single scan of the folder, and gets the same numbers down to the last bit.
 */
public final class ScanPlan implements Serializable {

	private static final long serialVersionUID = 1L;

	/** One batch's worth of files: its place among all chunks of the listing, and its files. */
	public static final class Chunk implements Serializable {

		private static final long serialVersionUID = 1L;

		public final int index;
		/** Index of {@code files.get(0)} in the sorted listing. */
		public final int firstFile;
		public final List<String> files;

		public Chunk(int index, int firstFile, List<String> files) {
			this.index = index;
			this.firstFile = firstFile;
			this.files = List.copyOf(files);
		}
	}

	private final List<Chunk> chunks;

	private ScanPlan(List<Chunk> chunks) {
		this.chunks = List.copyOf(chunks);
	}

	public static ScanPlan of(List<Chunk> chunks) {
		return new ScanPlan(chunks);
	}

	/** Every chunk of the listing. */
	public static ScanPlan all(List<String> files, int batch) {
		return shard(files, batch, 1, 1);
	}

	/**
	 * Shard {@code index} of {@code count} (1-based): chunks {@code index − 1}, {@code index − 1 + count}, … Taking
	 * every count-th chunk spreads folders sorted by class or by date evenly over the shards.
	 */
	public static ScanPlan shard(List<String> files, int batch, int index, int count) {
		List<Chunk> chunks = new ArrayList<>();
		for (int chunk = index - 1; chunk < chunkCount(files.size(), batch); chunk += count) {
			int first = chunk * batch;
			chunks.add(new Chunk(chunk, first, files.subList(first, Math.min(files.size(), first + batch))));
		}
		return new ScanPlan(chunks);
	}

	/** How many chunks a listing of {@code files} files has. */
	public static int chunkCount(int files, int batch) {
		return (files + batch - 1) / batch;
	}

	/** This plan without its first {@code done} chunks: what is left after a checkpoint. */
	public ScanPlan after(int done) {
		return new ScanPlan(chunks.subList(done, chunks.size()));
	}

	public List<Chunk> chunks() {
		return chunks;
	}

	/** Files in all chunks. */
	public int fileCount() {
		int count = 0;
		for (Chunk chunk : chunks)
			count += chunk.files.size();
		return count;
	}
}
