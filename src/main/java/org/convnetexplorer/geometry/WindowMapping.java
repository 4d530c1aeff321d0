package org.convnetexplorer.geometry;

/** A sliding window over an input map of {@code inLength}, as an {@link IndexMapping}: padding reads nothing. */
final class WindowMapping implements IndexMapping {

	private final SlidingWindow window;
	private final long inLength;

	WindowMapping(SlidingWindow window, long inLength) {
		this.window = window;
		this.inLength = inLength;
	}

	@Override
	public long inLength() {
		return inLength;
	}

	@Override
	public long outLength() {
		return window.outputLength(inLength);
	}

	@Override
	public long first(long out) {
		long lo = out * window.stride - window.padBegin;
		if (lo >= 0) return lo;
		// the first tap at or past index 0
		return lo - (long) window.dilation * Math.floorDiv(lo, window.dilation);
	}

	@Override
	public long last(long out) {
		long lo = out * window.stride - window.padBegin;
		long hi = lo + (long) window.dilation * (window.kernel - 1);
		if (hi < inLength) return hi;
		long taps = Math.floorDiv(inLength - 1 - lo, window.dilation);
		return taps < 0 ? lo - 1 : lo + taps * window.dilation;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof WindowMapping && ((WindowMapping) o).window.equals(window)
			&& ((WindowMapping) o).inLength == inLength;
	}

	@Override
	public int hashCode() {
		return window.hashCode() * 31 + Long.hashCode(inLength);
	}
}
