package org.convnetexplorer.geometry;

/**
 * Along one axis, which indices of an input map each index of an output map reads, where the output is no regular
 * window of the input (upsampling, a transposed convolution) or its input's fields are no longer regular: output index
 * {@code o} reads input indices {@link #first}(o) to {@link #last}(o), both included, already clipped to the input map
 * (padding is read as nothing). Both are non-decreasing in {@code o}; where {@code o} reads nothing (only padding, or
 * a transposed convolution's output padding), {@code first(o) > last(o)}. Implementations are values: equal where
 * they read alike.
 */
public interface IndexMapping {

	/** The length of the input map along this axis. */
	long inLength();

	/** The length of the output map along this axis. */
	long outLength();

	/** The first input index output index {@code out} reads. */
	long first(long out);

	/** The last input index output index {@code out} reads (included). */
	long last(long out);
}
