package org.convnetexplorer.images;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.io.FileInfo;

/**
 * Reads chosen channels of one plane of an image as its samples ({@link SampleImage}), for scans at each image's own
 * size: microscopy TIFFs (8-, 16- and 32-bit, one channel or an ImageJ hyperstack of several, RGB) keep their values;
 * other formats are read as {@link ImageDecoder} reads them, as 3 channels (R, G, B) of 8 bits.
 * <p>
 * Planes of an ImageJ hyperstack are numbered after its channels, as ImageJ orders them (slices, then frames):
 * plane p's channel c is the stack's image {@code c + channels × p}. Other multi-page TIFFs have one plane (the first
 * page). A palette TIFF's samples are its indices (the data, not the colours).
 */
public final class SampleImageReader {

	private static final Pattern CHANNELS = Pattern.compile("(?m)^channels=(\\d+)$");

	private SampleImageReader() {}

	/**
	 * @param chosen the image's channels to keep, in that order; empty: all of them
	 * @param plane the plane (0-based)
	 * @throws UnreadableImageException with the reason (a channel or plane the image lacks included)
	 */
	public static SampleImage read(Path file, List<Integer> chosen, int plane) throws UnreadableImageException {
		if (ImageDecoder.identify(file) != ImageDecoder.Format.TIFF) {
			if (plane != 0) throw new UnreadableImageException("plane " + plane + " chosen, the image has 1");
			RgbImage rgb = ImageDecoder.read(file);
			return choose(rgb.width(), rgb.height(), 3, 255, c -> rgbChannel(rgb, c), chosen);
		}
		FileInfo first = ImageJTiffReader.firstDirectory(file);
		ImageDecoder.checkSize(first.width, first.height);
		int stackChannels = stackChannels(first);
		int planes = Math.max(1, first.nImages) / stackChannels;
		if (plane < 0 || plane >= planes)
			throw new UnreadableImageException("plane " + plane + " chosen, the image has " + planes + " (0.." +
				(planes - 1) + ")");
		if (stackChannels == 1) {
			Object pixels = ImageJTiffReader.readPlane(file, first, plane);
			if (pixels instanceof int[]) {
				RgbImage rgb = new RgbImage(first.width, first.height, (int[]) pixels);
				return choose(first.width, first.height, 3, 255, c -> rgbChannel(rgb, c), chosen);
			}
			if (pixels instanceof Object[]) {
				Object[] rgb48 = (Object[]) pixels;
				return choose(first.width, first.height, rgb48.length, 65535, c -> floats(rgb48[c]), chosen);
			}
			return choose(first.width, first.height, 1, typeRange(pixels), c -> floats(pixels), chosen);
		}
		Object probe = ImageJTiffReader.readPlane(file, first, plane * stackChannels);
		return choose(first.width, first.height, stackChannels, typeRange(probe), c -> floats(
			ImageJTiffReader.readPlane(file, first, plane * stackChannels + c)), chosen);
	}

	/** The channels of an ImageJ hyperstack ("channels=N" in its description), else 1. */
	private static int stackChannels(FileInfo info) throws UnreadableImageException {
		if (info.description == null || !info.description.startsWith("ImageJ")) return 1;
		Matcher m = CHANNELS.matcher(info.description);
		if (!m.find()) return 1;
		int channels;
		try {
			channels = Integer.parseInt(m.group(1));
		}
		catch (NumberFormatException e) {
			throw new UnreadableImageException("corrupt ImageJ description: channels=" + m.group(1));
		}
		if (channels < 1 || Math.max(1, info.nImages) % channels != 0)
			throw new UnreadableImageException("ImageJ stack of " + info.nImages + " images cannot hold " + channels +
				" channels each");
		return channels;
	}

	/** One channel's samples as floats. */
	@FunctionalInterface
	private interface ChannelSource {
		float[] channel(int index) throws UnreadableImageException;
	}

	private static SampleImage choose(int width, int height, int channels, float range, ChannelSource source,
		List<Integer> chosen) throws UnreadableImageException
	{
		List<Integer> kept = chosen.isEmpty() ? java.util.stream.IntStream.range(0, channels).boxed()
			.collect(java.util.stream.Collectors.toList()) : chosen;
		for (int c : kept)
			if (c < 0 || c >= channels) throw new UnreadableImageException("channel " + c + " chosen, the image has " +
				channels + " (0.." + (channels - 1) + ")");
		int plane = width * height;
		long total = (long) kept.size() * plane;
		if (total > Integer.MAX_VALUE - 8 || total * Float.BYTES > Runtime.getRuntime().maxMemory() / 4)
			throw new UnreadableImageException(kept.size() + " channels of " + width + "x" + height + " floats take more " +
				"than a quarter of the Java heap (-Xmx)");
		float[] samples = new float[(int) total];
		for (int i = 0; i < kept.size(); i++)
			System.arraycopy(source.channel(kept.get(i)), 0, samples, i * plane, plane);
		return new SampleImage(kept.size(), width, height, samples, range);
	}

	private static float[] rgbChannel(RgbImage rgb, int channel) {
		int[] pixels = rgb.pixels();
		int shift = 16 - 8 * channel;
		float[] out = new float[pixels.length];
		for (int i = 0; i < pixels.length; i++)
			out[i] = pixels[i] >>> shift & 0xff;
		return out;
	}

	private static float typeRange(Object pixels) {
		return pixels instanceof byte[] ? 255 : pixels instanceof short[] ? 65535 : 1;
	}

	private static float[] floats(Object pixels) throws UnreadableImageException {
		if (pixels instanceof float[]) return ((float[]) pixels).clone();
		if (pixels instanceof short[]) {
			short[] in = (short[]) pixels;
			float[] out = new float[in.length];
			for (int i = 0; i < in.length; i++)
				out[i] = in[i] & 0xffff;
			return out;
		}
		if (pixels instanceof byte[]) {
			byte[] in = (byte[]) pixels;
			float[] out = new float[in.length];
			for (int i = 0; i < in.length; i++)
				out[i] = in[i] & 0xff;
			return out;
		}
		throw new UnreadableImageException("TIFF with a pixel type ImageJ cannot read");
	}
}
