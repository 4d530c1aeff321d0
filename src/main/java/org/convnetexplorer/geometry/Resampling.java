package org.convnetexplorer.geometry;

import java.util.Objects;

/**
 * One axis of a resampling (upsampling or downsampling by interpolation) from a map of {@code inLength} to one of
 * {@code outLength}: output index {@code o} stands at input coordinate {@link #source}(o), by the coordinate
 * transformation; nearest reads the one index that rounds it, linear the two around it (clamped to the map), weighted
 * by distance. The formulas are ONNX Resize's (which PyTorch's interpolate exports); {@code scale} is the output's
 * length over the input's, as given or as the lengths make it.
 */
public final class Resampling implements IndexMapping {

	/** Where an output index stands in the input, as ONNX's coordinate_transformation_mode names it. */
	public enum Coordinates {
		HALF_PIXEL, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, ASYMMETRIC, TF_HALF_PIXEL_FOR_NN
	}

	/** Nearest with ONNX's nearest_mode (how a coordinate rounds to an index), or linear. */
	public enum Interpolation {
		NEAREST_ROUND_PREFER_FLOOR, NEAREST_ROUND_PREFER_CEIL, NEAREST_FLOOR, NEAREST_CEIL, LINEAR
	}

	private final long inLength;
	private final long outLength;
	public final double scale;
	public final Coordinates coordinates;
	public final Interpolation interpolation;

	public Resampling(long inLength, long outLength, double scale, Coordinates coordinates, Interpolation interpolation) {
		if (inLength < 1 || outLength < 1 || !(scale > 0) || Double.isInfinite(scale))
			throw new IllegalArgumentException("resampling " + inLength + " to " + outLength + " by " + scale);
		this.inLength = inLength;
		this.outLength = outLength;
		this.scale = scale;
		this.coordinates = coordinates;
		this.interpolation = interpolation;
	}

	@Override
	public long inLength() {
		return inLength;
	}

	@Override
	public long outLength() {
		return outLength;
	}

	/** The input coordinate output index {@code out} stands at. */
	public double source(long out) {
		switch (coordinates) {
		case HALF_PIXEL:
			return (out + 0.5) / scale - 0.5;
		case PYTORCH_HALF_PIXEL:
			return outLength > 1 ? (out + 0.5) / scale - 0.5 : 0;
		case ALIGN_CORNERS:
			return outLength == 1 ? 0 : out * (inLength - 1) / (resizedLength() - 1);
		case ASYMMETRIC:
			return out / scale;
		default:
			return (out + 0.5) / scale;
		}
	}

	/**
	 * The output's length before rounding down, by which align_corners divides: input length × scale, or the output's
	 * length itself where the scale gives it (so that integer coordinates stay exact).
	 */
	private double resizedLength() {
		double resized = inLength * scale;
		return Math.abs(resized - outLength) < 1e-6 ? outLength : resized;
	}

	/** The index linear interpolation weights by 1 − {@link #weight}, or the one nearest reads. */
	@Override
	public long first(long out) {
		double x = source(out);
		switch (interpolation) {
		case NEAREST_ROUND_PREFER_FLOOR:
			return clamp(x - Math.floor(x) == 0.5 ? (long) Math.floor(x) : Math.round(x));
		case NEAREST_ROUND_PREFER_CEIL:
			return clamp(Math.round(x));
		case NEAREST_FLOOR:
			return clamp((long) Math.floor(x));
		case NEAREST_CEIL:
			return clamp((long) Math.ceil(x));
		default:
			return clamp((long) Math.floor(x));
		}
	}

	/** The index linear interpolation weights by {@link #weight} where that is not 0; else {@link #first}. */
	@Override
	public long last(long out) {
		return weight(out) == 0 ? first(out) : clamp((long) Math.floor(source(out)) + 1);
	}

	/** The weight of {@link #last}'s index for linear interpolation (the source's fraction); 0 for nearest. */
	public double weight(long out) {
		if (interpolation != Interpolation.LINEAR) return 0;
		double x = source(out);
		return x - Math.floor(x);
	}

	private long clamp(long index) {
		return Math.max(0, Math.min(inLength - 1, index));
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Resampling)) return false;
		Resampling r = (Resampling) o;
		return inLength == r.inLength && outLength == r.outLength && scale == r.scale && coordinates == r.coordinates
			&& interpolation == r.interpolation;
	}

	@Override
	public int hashCode() {
		return Objects.hash(inLength, outLength, scale, coordinates, interpolation);
	}
}
