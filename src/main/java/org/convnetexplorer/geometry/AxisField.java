package org.convnetexplorer.geometry;

/**
 * Along one axis (y or x), where the unit at feature-map index {@code i} looks in the network's input: the half-open
 * interval {@link #inputStart}(i) to {@link #inputEnd}(i) in input pixels, the bounding interval of the unit's support
 * (a dilated window on a field smaller than its dilation leaves gaps inside it).
 * <p>
 * A <em>regular</em> field, built by sliding windows from the input, is {@code [start + jump × i, start + jump × i +
 * size)} at every index, even past the map's ends (padding). Through an {@link IndexMapping} (upsampling, a
 * transposed convolution) fields become <em>exact</em>: evaluated per index from the map lengths, the mappings' reads
 * clipped to their input maps, so that a unit's interval holds exactly what it reads; windows, padding and unions over
 * exact fields stay exact. An exact field describes a map of one length (the one it was built at); a unit that reads
 * only padding has an empty interval at 0.
 */
public final class AxisField {

	/** An input pixel: jump 1, start 0, size 1. */
	public static final AxisField PIXEL = new AxisField(1, 0, 1);

	/** A regular field's step between neighbouring units; 0 for an exact field. */
	public final long jump;
	/** A regular field's first pixel at index 0; an exact field's {@link #inputStart}(0). */
	public final long start;
	/** A regular field's length; an exact field's longest interval. */
	public final long size;
	/** Null where regular. */
	private final ExactField exact;

	public AxisField(long jump, long start, long size) {
		if (jump < 1 || size < 1) throw new IllegalArgumentException("jump and size must be positive: " + jump + ", " + size);
		this.jump = jump;
		this.start = start;
		this.size = size;
		this.exact = null;
	}

	private AxisField(ExactField exact) {
		this.jump = 0;
		this.exact = exact;
		this.start = inputStart(0);
		long largest = 0;
		for (long i = 0; i < exact.length(); i++)
			largest = Math.max(largest, inputEnd(i) - inputStart(i));
		this.size = largest;
	}

	/** Whether the field is {@code start + jump × index} at every index. */
	public boolean isRegular() {
		return exact == null;
	}

	/**
	 * The field after a sliding window (convolution or pooling) over maps with this regular field: output index
	 * {@code o} reads input indices {@code o × stride − padBegin + dilation × t}, {@code t < kernel}.
	 *
	 * @throws IllegalStateException for an exact field, whose window needs its end padding too: {@link #window(SlidingWindow)}
	 */
	public AxisField window(int kernel, int stride, int dilation, int padBegin) {
		if (exact != null) throw new IllegalStateException("an exact field needs the whole window");
		return new AxisField(jump * stride, start - jump * padBegin, size + jump * dilation * (long) (kernel - 1));
	}

	/** The field after {@code window} over maps with this field. */
	public AxisField window(SlidingWindow window) {
		if (exact == null) return window(window.kernel, window.stride, window.dilation, window.padBegin);
		return mapped(new WindowMapping(window, exact.length()));
	}

	/** The field after padding {@code padBegin} positions before the map and {@code padEnd} after it. */
	public AxisField padded(int padBegin, int padEnd) {
		return window(new SlidingWindow(1, 1, 1, padBegin, padEnd, false));
	}

	/**
	 * The (exact) field of the maps {@code mapping} makes from maps with this field.
	 *
	 * @throws IllegalArgumentException where this field is exact and describes a map of another length
	 */
	public AxisField mapped(IndexMapping mapping) {
		if (exact != null && exact.length() != mapping.inLength())
			throw new IllegalArgumentException("a mapping from " + mapping.inLength() + " indices over a field of "
				+ exact.length());
		return new AxisField(ExactField.mapped(this, mapping));
	}

	/**
	 * The smallest field covering both at every index; null where both are regular with different jumps (no single
	 * regular box, and no map length to make it exact by).
	 */
	public AxisField union(AxisField other) {
		if (exact == null && other.exact == null) {
			if (other.jump != jump) return null;
			long s = Math.min(start, other.start);
			long e = Math.max(start + size, other.start + other.size);
			return new AxisField(jump, s, e - s);
		}
		if (exact != null && other.exact != null && exact.length() != other.exact.length())
			throw new IllegalArgumentException("fields of maps of " + exact.length() + " and " + other.exact.length());
		if (equals(other)) return this;
		return new AxisField(ExactField.union(this, other, exact != null ? exact.length() : other.exact.length()));
	}

	/** First input pixel covered by the unit at {@code index}. */
	public long inputStart(long index) {
		if (exact == null) return start + jump * index;
		long first = exact.first(index);
		return first > exact.end(index) ? 0 : first;
	}

	/** The input pixel after the last one covered by the unit at {@code index}. */
	public long inputEnd(long index) {
		if (exact == null) return start + jump * index + size;
		long end = exact.end(index);
		return exact.first(index) > end ? 0 : end;
	}

	/** The longest interval of any unit, in input pixels. */
	public long largestSize() {
		return size;
	}

	/** The length of the map an exact field describes; -1 for a regular one (any length). */
	long mapLength() {
		return exact == null ? -1 : exact.length();
	}

	/** Internal: the interval's first pixel, or {@link ExactField#NONE_FIRST} where the unit reads nothing. */
	long first(long index) {
		return exact == null ? start + jump * index : exact.first(index);
	}

	/** Internal: the interval's end, or {@link ExactField#NONE_END} where the unit reads nothing. */
	long end(long index) {
		return exact == null ? start + jump * index + size : exact.end(index);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof AxisField)) return false;
		AxisField f = (AxisField) o;
		return exact == null ? f.exact == null && jump == f.jump && start == f.start && size == f.size
			: exact.equals(f.exact);
	}

	@Override
	public int hashCode() {
		return exact == null ? Long.hashCode((jump * 31 + start) * 31 + size) : exact.hashCode();
	}

	/** "jump 4, start -2, size 11"; for an exact field "exact per position over 64, sizes 3–14". */
	@Override
	public String toString() {
		if (exact == null) return "jump " + jump + ", start " + start + ", size " + size;
		long smallest = Long.MAX_VALUE;
		for (long i = 0; i < exact.length(); i++)
			smallest = Math.min(smallest, inputEnd(i) - inputStart(i));
		return "exact per position over " + exact.length() + ", sizes " + smallest + "–" + size;
	}
}
