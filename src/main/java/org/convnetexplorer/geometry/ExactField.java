package org.convnetexplorer.geometry;

import java.util.Arrays;

/**
 * The intervals of an exact {@link AxisField}, one per index of a map of {@link #length}, worked out once when the
 * field is made (through a mapping from the map another field describes, or as the union of two fields), so that a
 * field after many branches that join (residual blocks after an upsampling) costs no more to read than one. Both
 * ends are non-decreasing in the index over the units that read anything, so a mapping's interval runs from its first
 * read unit's start to its last one's end.
 */
final class ExactField {

	/** The first pixel of a unit that reads nothing: no interval's min takes it. */
	static final long NONE_FIRST = Long.MAX_VALUE;
	/** The end of a unit that reads nothing: no interval's max takes it. */
	static final long NONE_END = Long.MIN_VALUE;

	private final long[] first;
	private final long[] end;

	private ExactField(long[] first, long[] end) {
		this.first = first;
		this.end = end;
	}

	/** Output index o reads {@code inner}'s units {@code mapping.first(o)} to {@code mapping.last(o)}. */
	static ExactField mapped(AxisField inner, IndexMapping mapping) {
		int length = (int) mapping.outLength();
		long[] first = new long[length];
		long[] end = new long[length];
		for (int o = 0; o < length; o++) {
			long from = mapping.first(o), to = mapping.last(o);
			first[o] = NONE_FIRST;
			end[o] = NONE_END;
			for (long i = from; i <= to && first[o] == NONE_FIRST; i++) // empty units (only padding) may lie between
				first[o] = inner.first(i);
			for (long i = to; i >= from && end[o] == NONE_END; i--)
				end[o] = inner.end(i);
		}
		return new ExactField(first, end);
	}

	/** Both fields' units at once (a branch joining another, or a unit reading channels of both), over {@code length}. */
	static ExactField union(AxisField a, AxisField b, long length) {
		long[] first = new long[(int) length];
		long[] end = new long[(int) length];
		for (int i = 0; i < length; i++) {
			first[i] = Math.min(a.first(i), b.first(i));
			end[i] = Math.max(a.end(i), b.end(i));
		}
		return new ExactField(first, end);
	}

	long length() {
		return first.length;
	}

	/** The interval's first pixel, {@link #NONE_FIRST} where the unit reads nothing. */
	long first(long index) {
		return first[(int) index];
	}

	/** The interval's end, {@link #NONE_END} where the unit reads nothing. */
	long end(long index) {
		return end[(int) index];
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ExactField && Arrays.equals(((ExactField) o).first, first)
			&& Arrays.equals(((ExactField) o).end, end);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(first) * 31 + Arrays.hashCode(end);
	}
}
