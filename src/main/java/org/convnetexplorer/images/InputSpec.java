package org.convnetexplorer.images;

import java.util.Arrays;

import org.convnetexplorer.intensity.Normalization;

/**
 * What a network takes as input: a square of {@code size} pixels with 1 (gray) or 3 (RGB) channels, each 8-bit sample
 * v normalized to (v / 255 − mean) / std per channel, channels first; or, where a {@link Normalization} is given, the
 * raw samples normalised by it, each image with its own statistics (bioimage.io's preprocessing).
 */
public final class InputSpec {

	/** torchvision's ImageNet preprocessing: 224×224 RGB, its mean and standard deviation. */
	public static final InputSpec IMAGENET = new InputSpec(224, 3, new float[] { 0.485f, 0.456f, 0.406f },
		new float[] { 0.229f, 0.224f, 0.225f });

	/**
	 * The largest input side: 4096 pixels, 16 M pixels, 50 M floats for RGB, 200 MB per image in a batch buffer. Far
	 * above what networks are trained at, and low enough that every size here is a Java int.
	 */
	public static final int MAX_SIZE = 4096;

	/** The longest array every JVM allocates (some reserve a few words of the int range). */
	private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

	private final int size;
	private final int channels;
	private final float[] mean;
	private final float[] std;
	private final Normalization normalization;

	/** The most channels a model scanned at each image's own size may take (its image's chosen channels). */
	public static final int MAX_SAMPLE_CHANNELS = 64;

	/** @throws IllegalArgumentException naming what is wrong */
	public InputSpec(int size, int channels, float[] mean, float[] std) {
		this(size, channels, mean, std, Normalization.NONE);
	}

	/**
	 * @param normalization {@link Normalization#NONE} for (v / 255 − mean) / std; else what raw samples go through
	 *            instead of mean and std
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public InputSpec(int size, int channels, float[] mean, float[] std, Normalization normalization) {
		this(size, channels, mean, std, normalization, false);
	}

	/**
	 * The input of a model scanned at each image's own size, whose channels are an image's chosen samples (any number
	 * up to {@value #MAX_SAMPLE_CHANNELS}); {@code size} is the reference size its layers are described at. Not for
	 * {@link Preprocessor}, which makes gray or RGB inputs.
	 *
	 * @param normalization {@link Normalization#NONE}: samples over their type's range, then mean and std; else what
	 *            the raw samples go through instead
	 */
	public static InputSpec ofSamples(int size, int channels, float[] mean, float[] std, Normalization normalization) {
		return new InputSpec(size, channels, mean, std, normalization, true);
	}

	private InputSpec(int size, int channels, float[] mean, float[] std, Normalization normalization,
		boolean anyChannels)
	{
		if (size < 1 || size > MAX_SIZE)
			throw new IllegalArgumentException("input size must be 1.." + MAX_SIZE + ", not " + size);
		if (anyChannels && (channels < 1 || channels > MAX_SAMPLE_CHANNELS))
			throw new IllegalArgumentException("input channels must be 1.." + MAX_SAMPLE_CHANNELS + ", not " + channels);
		if (!anyChannels && channels != 1 && channels != 3)
			throw new IllegalArgumentException("input channels must be 1 or 3, not " + channels);
		if (mean.length != channels || std.length != channels)
			throw new IllegalArgumentException("mean and std need " + channels + " values each, not " + mean.length +
				" and " + std.length);
		for (float s : std)
			if (!(s > 0) || Float.isInfinite(s)) throw new IllegalArgumentException("std must be positive, not " + s);
		for (float m : mean)
			if (!Float.isFinite(m)) throw new IllegalArgumentException("mean must be finite, not " + m);
		this.size = size;
		this.channels = channels;
		this.mean = mean.clone();
		this.std = std.clone();
		this.normalization = normalization;
	}

	/** What raw samples go through instead of mean and std; {@link Normalization#NONE} where mean and std apply. */
	public Normalization normalization() {
		return normalization;
	}

	/** Side of the square input, in pixels. */
	public int size() {
		return size;
	}

	/** 1 (gray) or 3 (RGB); for {@link #ofSamples}, the chosen channels'. */
	public int channels() {
		return channels;
	}

	public float mean(int channel) {
		return mean[channel];
	}

	public float std(int channel) {
		return std[channel];
	}

	/** Floats one image takes: channels × size × size (at most 3 × {@value #MAX_SIZE}², so no overflow). */
	public int floats() {
		return Math.multiplyExact(channels, Math.multiplyExact(size, size));
	}

	/**
	 * Floats a batch of {@code batch} images takes, in one array.
	 *
	 * @throws IllegalArgumentException naming the batch where that is more than a Java array holds
	 */
	public int batchFloats(int batch) {
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
		long floats = (long) batch * floats();
		if (floats > MAX_ARRAY_LENGTH) throw new IllegalArgumentException("batch " + batch + " of " + size +
			"×" + size + " inputs is more than one Java array holds; use a batch of 1.." + MAX_ARRAY_LENGTH / floats());
		return (int) floats;
	}

	/** How an image of this size is placed on the input. */
	public Placement place(int width, int height) {
		return Placement.of(width, height, size);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof InputSpec)) return false;
		InputSpec s = (InputSpec) o;
		return size == s.size && channels == s.channels && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std) &&
			normalization.equals(s.normalization);
	}

	@Override
	public int hashCode() {
		return ((size * 31 + channels) * 31 + Arrays.hashCode(mean) * 31 + Arrays.hashCode(std)) * 31 +
			normalization.hashCode();
	}

	@Override
	public String toString() {
		return size + "×" + size + ", " + (channels == 1 ? "gray" : "RGB") + (normalization.isNone() ? ", mean " +
			Arrays.toString(mean) + ", std " + Arrays.toString(std) : ", normalize " + normalization);
	}
}
