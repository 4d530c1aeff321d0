package org.convnetexplorer.geometry;

import java.util.Objects;

/**
 * One axis of a transposed convolution over an input map of {@code inLength}: input index {@code i} adds into output
 * indices {@code i × stride − padBegin + dilation × t}, {@code t < kernel}; {@code outputPadding} positions are added
 * at the end (they receive only the bias unless the kernel reaches them).
 */
public final class TransposedWindow implements IndexMapping {

	public final int kernel;
	public final int stride;
	public final int dilation;
	public final int padBegin;
	public final int padEnd;
	public final int outputPadding;
	private final long inLength;

	public TransposedWindow(int kernel, int stride, int dilation, int padBegin, int padEnd, int outputPadding,
		long inLength)
	{
		if (kernel < 1 || stride < 1 || dilation < 1 || padBegin < 0 || padEnd < 0 || outputPadding < 0 || inLength < 1)
			throw new IllegalArgumentException("kernel " + kernel + ", stride " + stride + ", dilation " + dilation
				+ ", pads " + padBegin + " and " + padEnd + ", output padding " + outputPadding + ", input " + inLength);
		this.kernel = kernel;
		this.stride = stride;
		this.dilation = dilation;
		this.padBegin = padBegin;
		this.padEnd = padEnd;
		this.outputPadding = outputPadding;
		this.inLength = inLength;
	}

	@Override
	public long inLength() {
		return inLength;
	}

	/** (in − 1) × stride − pads + dilation × (kernel − 1) + output padding + 1, as ONNX and PyTorch compute it. */
	@Override
	public long outLength() {
		return (inLength - 1) * stride - padBegin - padEnd + (long) dilation * (kernel - 1) + outputPadding + 1;
	}

	@Override
	public long first(long out) {
		for (int t = kernel - 1; t >= 0; t--) {
			long i = source(out, t);
			if (i >= 0) return i;
		}
		return inLength;
	}

	@Override
	public long last(long out) {
		for (int t = 0; t < kernel; t++) {
			long i = source(out, t);
			if (i >= 0) return i;
		}
		return -1;
	}

	/** The input index whose tap {@code t} lands on output index {@code out}; -1 where none does. */
	private long source(long out, int t) {
		long q = out + padBegin - (long) dilation * t;
		if (q < 0 || q % stride != 0 || q / stride >= inLength) return -1;
		return q / stride;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof TransposedWindow)) return false;
		TransposedWindow w = (TransposedWindow) o;
		return kernel == w.kernel && stride == w.stride && dilation == w.dilation && padBegin == w.padBegin
			&& padEnd == w.padEnd && outputPadding == w.outputPadding && inLength == w.inLength;
	}

	@Override
	public int hashCode() {
		return Objects.hash(kernel, stride, dilation, padBegin, padEnd, outputPadding, inLength);
	}
}
