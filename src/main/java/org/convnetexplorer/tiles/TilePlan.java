package org.convnetexplorer.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * How one axis of an image is cut into tiles so that every position of every chosen layer is computed exactly as in
 * the whole image, by one tile that owns it:
 * <ul>
 * <li>tiles start at multiples of the network's alignment (every layer's map then lines up with the whole image's,
 * shifted by a whole number of positions) and are at most {@code tile} pixels long;</li>
 * <li>a position is exact in a tile where the field it reads lies inside the tile, or passes a tile edge only where
 * that edge is the image's (the padding is then the same);</li>
 * <li>each position belongs to the first tile where it is exact; the next tile starts at the last multiple of the
 * alignment at or before the field of the first position not yet owned, so tiles overlap by about one field;</li>
 * <li>a tile that would end the image shorter than the least side the network takes starts earlier (a whole number
 * of alignments), overlapping more: it computes the same values, more of them.</li>
 * </ul>
 */
public final class TilePlan {

	/** One tile along the axis: input pixels [start, end), and per layer the map indices it owns and its offset. */
	public static final class Segment {
		public final int start;
		public final int end;
		/** Per layer: the whole image's map index of the tile's map index 0. */
		public final int[] offsets;
		/** Per layer: owned image map indices [from, to). */
		public final int[] from;
		public final int[] to;

		Segment(int start, int end, int[] offsets, int[] from, int[] to) {
			this.start = start;
			this.end = end;
			this.offsets = offsets;
			this.from = from;
			this.to = to;
		}
	}

	private TilePlan() {}

	/**
	 * @param length the image's side along the axis
	 * @param tile the longest tile, a multiple of {@code alignment}
	 * @param least the shortest tile (at most {@code length}; a tile of {@code least} plus one alignment fits in
	 *            {@code tile})
	 * @param extents each layer's fields along the axis
	 * @param mapLength a layer's (by index) map length for an input of the given length
	 * @throws IllegalArgumentException where the tile is too short for the fields
	 */
	static List<Segment> plan(int length, int tile, int alignment, int least, List<AxisExtent> extents,
		IntBinaryOperator mapLength)
	{
		int layers = extents.size();
		int[] next = new int[layers];
		List<Segment> segments = new ArrayList<>();
		int start = 0;
		while (true) {
			if (length - start < least) start = Math.max(0, (length - least) / alignment * alignment);
			int end = (int) Math.min((long) start + tile, length);
			boolean last = end == length;
			int[] offsets = new int[layers];
			int[] from = new int[layers];
			int[] to = new int[layers];
			for (int l = 0; l < layers; l++) {
				AxisExtent e = extents.get(l);
				offsets[l] = start / e.jump;
				int mapEnd = offsets[l] + mapLength.applyAsInt(l, end - start);
				int f = next[l];
				while (f < mapEnd && (start == 0 || e.low(f) >= start) && (last || e.high(f) <= end))
					f++;
				if (last && f < mapEnd || f == next[l] && !last)
					throw new IllegalArgumentException("tiles of " + tile + " pixels are too small for fields of " +
						(e.high(next[l]) - e.low(next[l])) + " pixels lined up every " + alignment + " pixels");
				from[l] = next[l];
				to[l] = f;
				next[l] = f;
			}
			segments.add(new Segment(start, end, offsets, from, to));
			if (last) return segments;
			long lowest = Long.MAX_VALUE;
			for (int l = 0; l < layers; l++)
				lowest = Math.min(lowest, extents.get(l).low(next[l]));
			int nextStart = (int) (Math.max(0, lowest) / alignment * alignment);
			if (nextStart <= start) throw new IllegalArgumentException("tiles of " + tile + " pixels are too small " +
				"for these fields lined up every " + alignment + " pixels");
			start = nextStart;
		}
	}
}
