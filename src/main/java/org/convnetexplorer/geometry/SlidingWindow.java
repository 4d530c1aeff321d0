package org.convnetexplorer.geometry;

/**
 * One axis of a sliding window, a convolution's or a pooling's: output index {@code o} reads input indices
 * {@code o × stride − padBegin + dilation × t}, {@code t < kernel}. What it does to a map's length and to its units'
 * fields, for every network (AlexNet's table and imported models alike).
 */
public final class SlidingWindow {

	public final int kernel;
	public final int stride;
	public final int dilation;
	public final int padBegin;
	public final int padEnd;
	/** The output length rounds up (ONNX's and PyTorch's ceil_mode) rather than down. */
	public final boolean ceilMode;

	public SlidingWindow(int kernel, int stride, int dilation, int padBegin, int padEnd, boolean ceilMode) {
		if (kernel < 1 || stride < 1 || dilation < 1 || padBegin < 0 || padEnd < 0)
			throw new IllegalArgumentException("kernel " + kernel + ", stride " + stride + ", dilation " + dilation
				+ ", pads " + padBegin + " and " + padEnd);
		this.kernel = kernel;
		this.stride = stride;
		this.dilation = dilation;
		this.padBegin = padBegin;
		this.padEnd = padEnd;
		this.ceilMode = ceilMode;
	}

	/** Undilated, the same padding on both ends, rounding down (PyTorch's Conv2d and MaxPool2d defaults). */
	public static SlidingWindow of(int kernel, int stride, int padding) {
		return new SlidingWindow(kernel, stride, 1, padding, padding, false);
	}

	/** Input positions from a window's first to its last: dilation × (kernel − 1) + 1. */
	public long span() {
		return (long) dilation * (kernel - 1) + 1;
	}

	/** Whether one window fits in an input of this length with its padding. */
	public boolean fits(long in) {
		return in + padBegin + padEnd >= span();
	}

	/**
	 * The output length for an input of length {@code in}, as PyTorch and ONNX compute it: with ceilMode, the last
	 * window must still start inside the input or its leading padding.
	 *
	 * @throws IllegalArgumentException where no window fits
	 */
	public long outputLength(long in) {
		if (!fits(in)) throw new IllegalArgumentException("window of " + span() + " larger than the padded input (" + in + ")");
		long room = in + padBegin + padEnd - span();
		long out = (ceilMode ? -Math.floorDiv(-room, stride) : room / stride) + 1;
		if (ceilMode && (out - 1) * stride >= in + padBegin) out--;
		return out;
	}

	/** Positions past the end padding that the last window reads (with ceilMode only; 0 otherwise). */
	public long overhang(long in) {
		return Math.max(0, (outputLength(in) - 1) * stride + span() - (in + padBegin + padEnd));
	}

	/** The field of the output's units, over maps whose units have field {@code in}. */
	public AxisField field(AxisField in) {
		return in.window(this);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof SlidingWindow)) return false;
		SlidingWindow w = (SlidingWindow) o;
		return kernel == w.kernel && stride == w.stride && dilation == w.dilation && padBegin == w.padBegin
			&& padEnd == w.padEnd && ceilMode == w.ceilMode;
	}

	@Override
	public int hashCode() {
		return ((((kernel * 31 + stride) * 31 + dilation) * 31 + padBegin) * 31 + padEnd) * 2 + (ceilMode ? 1 : 0);
	}

	@Override
	public String toString() {
		return "kernel " + kernel + ", stride " + stride + ", dilation " + dilation + ", pads " + padBegin + "/" + padEnd
			+ (ceilMode ? ", ceil" : "");
	}
}
