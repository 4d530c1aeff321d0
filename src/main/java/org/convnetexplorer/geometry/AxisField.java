package org.convnetexplorer.geometry;

/**
 * Along one axis (y or x), where the unit at feature-map index {@code i} looks in the network's input: the half-open
 * interval {@code [start + jump × i, start + jump × i + size)} in input pixels. It is the bounding interval of the
 * unit's support (a dilated window on a field smaller than its dilation leaves gaps inside it).
 */
public final class AxisField {

	/** An input pixel: jump 1, start 0, size 1. */
	public static final AxisField PIXEL = new AxisField(1, 0, 1);

	public final long jump;
	public final long start;
	public final long size;

	public AxisField(long jump, long start, long size) {
		if (jump < 1 || size < 1) throw new IllegalArgumentException("jump and size must be positive: " + jump + ", " + size);
		this.jump = jump;
		this.start = start;
		this.size = size;
	}

	/**
	 * The field after a sliding window (convolution or pooling) over maps with this field: output index {@code o} reads
	 * input indices {@code o × stride − padBegin + dilation × t}, {@code t < kernel}.
	 */
	public AxisField window(int kernel, int stride, int dilation, int padBegin) {
		return new AxisField(jump * stride, start - jump * padBegin, size + jump * dilation * (long) (kernel - 1));
	}

	/** The field after padding {@code padBegin} positions before the map (output index o is input index o − padBegin). */
	public AxisField padded(int padBegin) {
		return new AxisField(jump, start - jump * padBegin, size);
	}

	/** The smallest field covering both, where both step alike; null where the jumps differ (no single box). */
	public AxisField union(AxisField other) {
		if (other.jump != jump) return null;
		long s = Math.min(start, other.start);
		long e = Math.max(start + size, other.start + other.size);
		return new AxisField(jump, s, e - s);
	}

	/** First input pixel covered by the unit at {@code index}. */
	public long inputStart(long index) {
		return start + jump * index;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof AxisField)) return false;
		AxisField f = (AxisField) o;
		return jump == f.jump && start == f.start && size == f.size;
	}

	@Override
	public int hashCode() {
		return Long.hashCode((jump * 31 + start) * 31 + size);
	}

	/** "jump 4, start -2, size 11". */
	@Override
	public String toString() {
		return "jump " + jump + ", start " + start + ", size " + size;
	}
}
