package org.convnetexplorer.scanstate;

import java.io.Serializable;

/** {@code I/N}: the I-th of N shards of a folder (1-based), as {@code --shard} and the {@code shard} macro key give it. */
public final class ShardSpec implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The whole folder. */
	public static final ShardSpec WHOLE = new ShardSpec(1, 1);

	public final int index;
	public final int count;
	/** More parts than a cluster runs tasks (each part is whole batches of the listing, so most would be empty). */
	public static final int MAX_COUNT = 100_000;

	public ShardSpec(int index, int count) {
		if (count < 1 || index < 1 || index > count || count > MAX_COUNT)
			throw new IllegalArgumentException("shard must be I/N with 1 <= I <= N <= " + MAX_COUNT + ", not " + index +
				"/" + count);
		this.index = index;
		this.count = count;
	}

	/** Parses "2/3"; blank means the whole folder. */
	public static ShardSpec parse(String text) {
		if (text == null || text.isBlank()) return WHOLE;
		String[] parts = text.trim().split("/", -1);
		try {
			if (parts.length == 2) return new ShardSpec(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("shard must be I/N, e.g. 2/8 for the second of eight, not '" + text + "'");
	}

	public boolean isWhole() {
		return count == 1;
	}

	/** Whether chunk {@code chunk} of the listing is in this shard: every count-th chunk, from index − 1. */
	public boolean holds(int chunk) {
		return chunk % count == index - 1;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ShardSpec && ((ShardSpec) other).index == index && ((ShardSpec) other).count == count;
	}

	@Override
	public int hashCode() {
		return index * 31 + count;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}
