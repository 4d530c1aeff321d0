package org.convnetexplorer.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * PNG, JPEG, GIF and BMP through the JDK's javax.imageio readers (ImageJ opens JPEG, PNG and GIF
 * through the JDK as well), with the pixels taken straight from the raster's array: no
 * {@code getRGB}, which would be slow and would colour-manage gray, ICC and CMYK images.
 */
final class ImageIoReader {

	private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

	private ImageIoReader() {
	}

	/** @param format a javax.imageio format name: "png", "jpeg", "gif" or "bmp" */
	static RgbImage read(Path file, String format) throws UnreadableImageException {
		String kind = format.toUpperCase(Locale.ROOT);
		TruncationWarning truncation = new TruncationWarning();
		ImageReader reader = null;
		try (ImageInputStream input = new FileImageInputStream(file.toFile())) {
			reader = readerFor(format);
			reader.setInput(input, false, !format.equals("jpeg"));
			reader.addIIOReadWarningListener(truncation);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			ImageDecoder.checkSize(width, height);
			int[] rgb = format.equals("jpeg") && isFourComponentJpeg(reader) ? cmykJpeg(reader) : packedRgb(reader.read(0));
			if (truncation.seen)
				throw new UnreadableImageException("truncated " + kind);
			return new RgbImage(width, height, rgb);
		}
		catch (UnreadableImageException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			// Decoders fail on corrupt data with anything from IIOException to ArrayIndexOutOfBoundsException.
			if (truncation.seen)
				throw new UnreadableImageException("truncated " + kind, e);
			throw new UnreadableImageException((e instanceof IIOException ? "corrupt or truncated " : "corrupt ") +
				kind + " (" + ImageDecoder.describe(e) + ")", e);
		}
		finally {
			if (reader != null)
				reader.dispose();
		}
	}

	/**
	 * The JDK's own reader for the format. Fiji may register others for the same formats, whose
	 * colour handling and warnings differ from what these rules were checked with.
	 */
	private static ImageReader readerFor(String format) throws IOException {
		Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
			true);
		ImageReaderSpi chosen = null;
		while (providers.hasNext()) {
			ImageReaderSpi provider = providers.next();
			if (Arrays.asList(provider.getFormatNames()).contains(format) && (chosen == null || isJdks(provider)))
				chosen = provider;
		}
		if (chosen == null)
			throw new UnreadableImageException("no " + format + " reader in this Java");
		return chosen.createReaderInstance();
	}

	private static boolean isJdks(ImageReaderSpi provider) {
		return provider.getClass().getName().startsWith("com.sun.imageio.plugins.");
	}

	/**
	 * The JPEG reader warns, and fills the rest with gray, when the file ends early. PIL refuses
	 * such files, and the peer with it.
	 */
	private static final class TruncationWarning implements IIOReadWarningListener {

		boolean seen;

		@Override
		public void warningOccurred(ImageReader source, String warning) {
			seen |= warning.startsWith("Truncated File");
		}
	}

	/**
	 * Packed 0xRRGGBB from a decoded image. Gray, RGB, indexed and packed-int rasters, the types
	 * javax.imageio returns for nearly every file, are read from their arrays; their samples are
	 * taken as they are, with no colour management (like ImageJ and PIL). Anything else goes
	 * through {@link BufferedImage#getRGB}, a row at a time.
	 */
	private static int[] packedRgb(BufferedImage image) {
		Raster raster = image.getRaster();
		ColorModel model = image.getColorModel();
		DataBuffer data = raster.getDataBuffer();
		boolean untranslated = raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
		if (untranslated && raster.getSampleModel() instanceof PixelInterleavedSampleModel) {
			PixelInterleavedSampleModel samples = (PixelInterleavedSampleModel) raster.getSampleModel();
			if (model instanceof IndexColorModel && data instanceof DataBufferByte && samples.getNumBands() == 1)
				return throughPalette((IndexColorModel) model, samples, (DataBufferByte) data);
			int colourType = model.getColorSpace().getType();
			int colours = model.getNumColorComponents();
			boolean plainComponents = model instanceof ComponentColorModel && !model.isAlphaPremultiplied() &&
				(colourType == ColorSpace.TYPE_GRAY && colours == 1 || colourType == ColorSpace.TYPE_RGB && colours == 3);
			if (plainComponents && data instanceof DataBufferByte)
				return componentBytes(samples, (DataBufferByte) data, colours);
			if (plainComponents && data instanceof DataBufferUShort)
				return componentShorts(samples, (DataBufferUShort) data, colours);
		}
		if (untranslated && model instanceof DirectColorModel && data instanceof DataBufferInt &&
			raster.getSampleModel() instanceof SinglePixelPackedSampleModel && isRgbMasks((DirectColorModel) model))
			return packedInts((SinglePixelPackedSampleModel) raster.getSampleModel(), (DataBufferInt) data);
		return rowsThroughGetRgb(image);
	}

	private static boolean isRgbMasks(DirectColorModel model) {
		return model.getRedMask() == 0xff0000 && model.getGreenMask() == 0xff00 && model.getBlueMask() == 0xff;
	}

	/** 8-bit gray (a band, more if there is alpha) or RGB(A) in any band order. */
	private static int[] componentBytes(PixelInterleavedSampleModel samples, DataBufferByte data, int colours) {
		byte[] bytes = data.getData();
		int width = samples.getWidth();
		int height = samples.getHeight();
		int step = samples.getPixelStride();
		int[] rgb = new int[width * height];
		int out = 0;
		if (colours == 1) {
			int gray = data.getOffset() + samples.getBandOffsets()[0];
			for (int y = 0; y < height; y++) {
				for (int in = gray + y * samples.getScanlineStride(), end = in + width * step; in < end; in += step)
					rgb[out++] = (bytes[in] & 0xff) * 0x010101;
			}
			return rgb;
		}
		int[] offsets = samples.getBandOffsets();
		int red = data.getOffset() + offsets[0];
		int green = offsets[1] - offsets[0];
		int blue = offsets[2] - offsets[0];
		for (int y = 0; y < height; y++) {
			for (int in = red + y * samples.getScanlineStride(), end = in + width * step; in < end; in += step)
				rgb[out++] = (bytes[in] & 0xff) << 16 | (bytes[in + green] & 0xff) << 8 | bytes[in + blue] & 0xff;
		}
		return rgb;
	}

	/**
	 * 16-bit gray is scaled between its minimum and maximum, as for 16-bit TIFF; 16-bit RGB keeps
	 * the high byte of each sample, as PIL does.
	 */
	private static int[] componentShorts(PixelInterleavedSampleModel samples, DataBufferUShort data, int colours) {
		short[] shorts = data.getData();
		int width = samples.getWidth();
		int height = samples.getHeight();
		int step = samples.getPixelStride();
		int[] offsets = samples.getBandOffsets();
		int first = data.getOffset() + offsets[0];
		if (colours == 1) {
			short[] gray = new short[width * height];
			int out = 0;
			for (int y = 0; y < height; y++) {
				for (int in = first + y * samples.getScanlineStride(), end = in + width * step; in < end; in += step)
					gray[out++] = shorts[in];
			}
			return GrayLevels.throughPalette(GrayLevels.scaleToBytes(gray), GrayLevels.grayPalette());
		}
		int green = offsets[1] - offsets[0];
		int blue = offsets[2] - offsets[0];
		int[] rgb = new int[width * height];
		int out = 0;
		for (int y = 0; y < height; y++) {
			for (int in = first + y * samples.getScanlineStride(), end = in + width * step; in < end; in += step)
				rgb[out++] = (shorts[in] & 0xff00) << 8 | shorts[in + green] & 0xff00 | (shorts[in + blue] & 0xff00) >> 8;
		}
		return rgb;
	}

	/** 8-bit indices through the colour table, its alpha dropped (a transparent entry keeps its colour). */
	private static int[] throughPalette(IndexColorModel model, PixelInterleavedSampleModel samples, DataBufferByte data) {
		int[] palette = new int[256];
		model.getRGBs(palette);
		int width = samples.getWidth();
		int height = samples.getHeight();
		int step = samples.getPixelStride();
		byte[] bytes = data.getData();
		int first = data.getOffset() + samples.getBandOffsets()[0];
		int[] rgb = new int[width * height];
		int out = 0;
		for (int y = 0; y < height; y++) {
			for (int in = first + y * samples.getScanlineStride(), end = in + width * step; in < end; in += step)
				rgb[out++] = palette[bytes[in] & 0xff] & 0xffffff;
		}
		return rgb;
	}

	private static int[] packedInts(SinglePixelPackedSampleModel samples, DataBufferInt data) {
		int[] ints = data.getData();
		int width = samples.getWidth();
		int height = samples.getHeight();
		int[] rgb = new int[width * height];
		for (int y = 0; y < height; y++) {
			int in = data.getOffset() + y * samples.getScanlineStride();
			for (int x = 0; x < width; x++)
				rgb[y * width + x] = ints[in + x] & 0xffffff;
		}
		return rgb;
	}

	private static int[] rowsThroughGetRgb(BufferedImage image) {
		int width = image.getWidth();
		int height = image.getHeight();
		int[] rgb = new int[width * height];
		for (int y = 0; y < height; y++)
			image.getRGB(0, y, width, 1, rgb, y * width, width);
		for (int i = 0; i < rgb.length; i++)
			rgb[i] &= 0xffffff;
		return rgb;
	}

	/** Whether the JPEG frame has four components, CMYK or YCCK. */
	private static boolean isFourComponentJpeg(ImageReader reader) throws IOException {
		// The raw type is cheap, and known for gray and colour JPEGs; the metadata costs a tenth of a decode.
		ImageTypeSpecifier raw = reader.getRawImageType(0);
		if (raw != null && raw.getNumBands() != 4)
			return false;
		Element frame = firstElement(reader.getImageMetadata(0), "sof");
		return frame != null && "4".equals(frame.getAttribute("numFrameComponents"));
	}

	private static Element firstElement(IIOMetadata metadata, String name) {
		Node tree = metadata.getAsTree(JPEG_METADATA);
		NodeList found = ((Element) tree).getElementsByTagName(name);
		return found.getLength() == 0 ? null : (Element) found.item(0);
	}

	/**
	 * A four-component JPEG converted the way PIL converts it (ImageJ cannot open these): the
	 * samples are taken as Adobe-style inverted CMYK (YCCK, Adobe transform 2, is first turned
	 * into that by libjpeg's YCC-to-RGB formula), then R = (255 − K)(255 − C)/255 and so on,
	 * rounded as PIL rounds; no colour profile.
	 */
	private static int[] cmykJpeg(ImageReader reader) throws IOException {
		Element adobe = firstElement(reader.getImageMetadata(0), "app14Adobe");
		boolean ycck = adobe != null && "2".equals(adobe.getAttribute("transform"));
		// readRaster hands over the decoded samples with no colour conversion at all.
		Raster raster = reader.readRaster(0, null);
		int width = raster.getWidth();
		int height = raster.getHeight();
		int[] rgb = new int[width * height];
		int[] row = new int[4 * width];
		int[] ink = new int[3];
		for (int y = 0, out = 0; y < height; y++) {
			raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
			for (int i = 0; i < row.length; i += 4) {
				if (ycck)
					yccToRgb(row[i], row[i + 1], row[i + 2], ink);
				else
					for (int c = 0; c < 3; c++)
						ink[c] = 255 - row[i + c];
				// ink holds PIL's C, M, Y; the fourth sample is PIL's 255 - K.
				int notBlack = row[i + 3];
				rgb[out++] = inkToValue(ink[0], notBlack) << 16 | inkToValue(ink[1], notBlack) << 8 |
					inkToValue(ink[2], notBlack);
			}
		}
		return rgb;
	}

	/** PIL's cmyk2rgb for one channel: 255 − K − C(255 − K)/255, with PIL's rounded division by 255. */
	private static int inkToValue(int ink, int notBlack) {
		int product = ink * notBlack + 128;
		return notBlack - ((product >> 8) + product >> 8);
	}

	/** libjpeg's YCbCr to RGB in 16-bit fixed point (jdcolor.c), clamped to 0..255. */
	private static void yccToRgb(int y, int cb, int cr, int[] rgb) {
		cb -= 128;
		cr -= 128;
		rgb[0] = clamp(y + (91881 * cr + 32768 >> 16));
		rgb[1] = clamp(y + (-22554 * cb - 46802 * cr + 32768 >> 16));
		rgb[2] = clamp(y + (116130 * cb + 32768 >> 16));
	}

	private static int clamp(int value) {
		return Math.max(0, Math.min(255, value));
	}
}
