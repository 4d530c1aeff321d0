package org.convnetexplorer.images;

import static org.convnetexplorer.images.Fixtures.EDGE_CASES;
import static org.convnetexplorer.images.Fixtures.maxChannelDifference;
import static org.convnetexplorer.images.Fixtures.pilReference;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

class ImageDecoderTest {

	@TempDir
	Path temp;

	private static RgbImage edgeCase(String name) throws UnreadableImageException {
		return ImageDecoder.read(EDGE_CASES.resolve(name));
	}

	private static String refusal(Path file) {
		String reason = assertThrows(UnreadableImageException.class, () -> ImageDecoder.read(file)).getMessage();
		assertFalse(reason.isEmpty());
		assertFalse(reason.contains("\n"), reason);
		return reason;
	}

	private static void assertSize(int width, int height, RgbImage image) {
		assertEquals(width + "x" + height, image.width() + "x" + image.height());
	}

	private static boolean isGray(RgbImage image) {
		return Arrays.stream(image.pixels()).allMatch(p -> (p >> 16 & 0xff) == (p & 0xff) && (p >> 8 & 0xff) == (p & 0xff));
	}

	private static int pixel(RgbImage image, int x, int y) {
		return image.pixels()[y * image.width() + x];
	}

	private static int min(RgbImage image) {
		return Arrays.stream(image.pixels()).map(p -> p & 0xff).min().getAsInt();
	}

	private static int max(RgbImage image) {
		return Arrays.stream(image.pixels()).map(p -> p & 0xff).max().getAsInt();
	}

	// Every file of the folder, decoded or refused, in bounded time (the 5000x4000 JPEG takes most).
	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void wholeEdgeCaseFolderDecodesOrIsRefusedWithoutPrintingAnything() throws IOException {
		List<String> refused = new ArrayList<>();
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
		System.setOut(capture);
		System.setErr(capture);
		try {
			for (String name : ImageFolder.list(EDGE_CASES, true)) {
				try {
					RgbImage image = ImageDecoder.read(EDGE_CASES.resolve(name));
					assertTrue(image.width() > 0 && image.height() > 0, name);
				}
				catch (UnreadableImageException e) {
					assertFalse(e.getMessage().isEmpty(), name);
					refused.add(name);
				}
			}
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		assertEquals("", printed.toString(StandardCharsets.UTF_8));
		assertEquals(Arrays.asList("empty.png", "fake.jpg", "multipage_rgb.tif", "notes.txt", "truncated.jpg"), refused);
	}

	@Test
	void refusesWithReasons() {
		assertAll(
			() -> assertEquals("empty file", refusal(EDGE_CASES.resolve("empty.png"))),
			() -> assertEquals("not an image ImageJ can read (PNG, JPEG, TIFF, GIF or BMP)",
				refusal(EDGE_CASES.resolve("fake.jpg"))),
			() -> assertEquals("not an image ImageJ can read (PNG, JPEG, TIFF, GIF or BMP)",
				refusal(EDGE_CASES.resolve("notes.txt"))),
			() -> assertEquals("truncated JPEG", refusal(EDGE_CASES.resolve("truncated.jpg"))),
			// 64-bit float RGB, which neither ImageJ nor PIL opens
			() -> assertEquals("TIFF: ImageJ cannot open interleaved 64-bit images.",
				refusal(EDGE_CASES.resolve("multipage_rgb.tif"))),
			() -> assertEquals("file not found", refusal(temp.resolve("missing.png"))));
	}

	@Test
	void jpegCutInTheScanDataIsTruncated() throws IOException {
		byte[] jpeg = Files.readAllBytes(EDGE_CASES.resolve("exif-rotated.jpg")); // a photo, 451x300
		Path cut = temp.resolve("cut.jpg");
		Files.write(cut, Arrays.copyOf(jpeg, jpeg.length / 2));
		assertEquals("truncated JPEG", refusal(cut));
	}

	@Test
	void tiffCutInThePixelDataIsTruncated() throws IOException {
		byte[] tiff = Files.readAllBytes(EDGE_CASES.resolve("chessboard_GRAY_U16.tif"));
		Path cut = temp.resolve("cut.tif");
		Files.write(cut, Arrays.copyOf(tiff, tiff.length / 2));
		assertEquals("truncated TIFF", refusal(cut));
	}

	@Test
	void pngCutShortIsRefused() throws IOException {
		byte[] png = Files.readAllBytes(EDGE_CASES.resolve("rgba.png"));
		Path cut = temp.resolve("cut.png");
		Files.write(cut, Arrays.copyOf(png, png.length / 2));
		assertTrue(refusal(cut).startsWith("corrupt or truncated PNG"));
	}

	@Test
	void sizesAreCheckedBeforeDecoding() throws IOException {
		assertAll(
			() -> assertEquals("zero-sized image (0x7)", refusal(gifHeader(0, 7))),
			() -> assertEquals("too large: 20000x20000 pixels, more than 268435456", refusal(pngHeader(20000, 20000))),
			() -> assertEquals("too elongated to scale its shorter side to 224 (1x10000000)",
				refusal(pngHeader(1, 10_000_000))));
	}

	/**
	 * A GIF that has only its screen and image descriptors, claiming the given size (javax.imageio's
	 * PNG reader refuses a zero width itself, with its own message).
	 */
	private Path gifHeader(int width, int height) throws IOException {
		ByteBuffer gif = ByteBuffer.allocate(23).order(ByteOrder.LITTLE_ENDIAN)
			.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height)
			.put(new byte[] { 0, 0, 0, ',', 0, 0, 0, 0 }).putShort((short) width).putShort((short) height).put((byte) 0);
		Path file = temp.resolve(width + "x" + height + ".gif");
		Files.write(file, gif.array());
		return file;
	}

	/** A PNG that has only its signature and header chunk, claiming the given size. */
	private Path pngHeader(int width, int height) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width)
			.putInt(height).put(new byte[] { 8, 2, 0, 0, 0 });
		CRC32 crc = new CRC32();
		crc.update(header.array());
		ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
			'\n' }).putInt(13).put(header.array()).putInt((int) crc.getValue());
		Path file = temp.resolve(width + "x" + height + ".png");
		Files.write(file, png.array());
		return file;
	}

	@Test
	void grayImagesBecomeThreeEqualChannels() throws IOException {
		RgbImage camera = edgeCase("camera.png");
		RgbImage cell = edgeCase("cell.png");
		assertAll(
			() -> assertSize(512, 512, camera),
			() -> assertTrue(isGray(camera)),
			() -> assertEquals(0xc8c8c8, pixel(camera, 0, 0)),
			() -> assertSize(550, 660, cell),
			() -> assertTrue(isGray(cell)),
			() -> assertEquals(0x474747, pixel(cell, 0, 0)));
	}

	@Test
	void sixteenBitTiffIsScaledFromItsMinimumToItsMaximumInEitherByteOrder() throws IOException {
		RgbImage little = edgeCase("chessboard_GRAY_U16.tif");
		RgbImage big = edgeCase("chessboard_GRAY_U16B.tif");
		// Its values run from 0 to 255 (in 16 bits), so scaling keeps them.
		assertAll(
			() -> assertSize(200, 200, little),
			() -> assertTrue(isGray(little)),
			() -> assertEquals(0, min(little)),
			() -> assertEquals(255, max(little)),
			() -> assertEquals(0xffffff, pixel(little, 0, 0)),
			() -> assertEquals(0, pixel(little, 199, 0)),
			() -> assertEquals(0xafafaf, pixel(little, 100, 100)),
			() -> assertArrayEquals(little.pixels(), big.pixels()));
	}

	@Test
	void floatTiffIsScaledFromItsMinimumToItsMaximum() throws IOException {
		RgbImage image = edgeCase("float32.tif");
		// min -184.3137, max 560.7843; (0,0) is 290.1961: 474.5098 * 255 / 745.098 = 162.4
		assertAll(
			() -> assertSize(451, 300, image),
			() -> assertTrue(isGray(image)),
			() -> assertEquals(0, min(image)),
			() -> assertEquals(255, max(image)),
			() -> assertEquals(162 * 0x010101, pixel(image, 0, 0)));
	}

	@Test
	void sixteenBitGrayPngIsScaledLikeTiff() throws IOException {
		BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
		gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] { 1000, 1500, 3000 });
		Path file = temp.resolve("gray16.png");
		ImageIO.write(gray, "png", file.toFile());
		// (1500 - 1000) * 255 / 2000 = 63.75
		assertArrayEquals(new int[] { 0, 64 * 0x010101, 0xffffff }, ImageDecoder.read(file).pixels());
	}

	@Test
	void sixteenBitRgbPngKeepsTheHighBytes() throws IOException {
		ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
			Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
		WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
		raster.setPixel(0, 0, new int[] { 0x12ff, 0xab00, 0xfe80 });
		Path file = temp.resolve("rgb16.png");
		ImageIO.write(new BufferedImage(model, raster, false, null), "png", file.toFile());
		assertArrayEquals(new int[] { 0x12abfe }, ImageDecoder.read(file).pixels());
	}

	@Test
	void bmpAndGifAreRead() throws IOException {
		BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
		rgb.setRGB(0, 0, 0x102030);
		rgb.setRGB(1, 0, 0xffee01);
		Path bmp = temp.resolve("two.bmp");
		ImageIO.write(rgb, "bmp", bmp.toFile());
		assertArrayEquals(new int[] { 0x102030, 0xffee01 }, ImageDecoder.read(bmp).pixels());
		Path gif = temp.resolve("two.gif");
		ImageIO.write(rgb, "gif", gif.toFile());
		assertArrayEquals(new int[] { 0x102030, 0xffee01 }, ImageDecoder.read(gif).pixels());
	}

	@ParameterizedTest
	@ValueSource(strings = { "foo3x5x4indexed.png", "palette_color.png", "palette_gray.png", "one-pixel.png",
		"no_time_for_that_tiny.gif", "multipage.tif", "blobs_3d_skeleton.tif" })
	void smallEdgeCasesMatchPilExactly(String name) throws IOException {
		// palettes through their colour table, transparent entries keeping their colour, the first
		// frame of the animated GIF, the first page or slice of TIFF stacks
		String stem = name.substring(0, name.lastIndexOf('.'));
		assertEquals(0, maxChannelDifference(pilReference(stem + ".rgb.png"), edgeCase(name)));
	}

	@Test
	void rgbaAlphaIsDroppedNotComposited() throws IOException {
		RgbImage image = edgeCase("rgba.png");
		assertSize(451, 300, image);
		// (0,0) is fully transparent; over white it would be 0xffffff
		assertEquals(0x8f7868, pixel(image, 0, 0));
	}

	@Test
	void cmykJpegIsConvertedAsPilDoes() throws IOException {
		RgbImage image = edgeCase("cmyk.jpg");
		assertEquals(0, maxChannelDifference(pilReference("cmyk.rgb.png"), image));
	}

	@Test
	void ycckJpegIsConvertedAsPilDoes() throws IOException {
		RgbImage image = ImageDecoder.read(Fixtures.resource("ycck.jpg"));
		assertEquals(0, maxChannelDifference(pilReference("ycck.rgb.png"), image));
	}

	@Test
	void jpegColourProfileIsIgnored() throws IOException {
		// Samples 0x804020 tagged as linear RGB; colour-managed to sRGB the red would become about 0xbc.
		BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
		for (int y = 0; y < 16; y++) {
			for (int x = 0; x < 16; x++)
				rgb.setRGB(x, y, 0x804020);
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(rgb), null);
		String format = "javax_imageio_jpeg_image_1.0";
		Element tree = (Element) metadata.getAsTree(format);
		IIOMetadataNode profile = new IIOMetadataNode("app2ICC");
		profile.setUserObject(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
		tree.getElementsByTagName("app0JFIF").item(0).appendChild(profile);
		metadata.setFromTree(format, tree);
		Path file = temp.resolve("linear.jpg");
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(rgb, null, metadata), null);
		}
		int pixel = ImageDecoder.read(file).pixels()[0];
		assertEquals(0x80, pixel >> 16 & 0xff, 2);
		assertEquals(0x40, pixel >> 8 & 0xff, 2);
		assertEquals(0x20, pixel & 0xff, 2);
	}

	@Test
	void exifOrientationIsIgnored() throws IOException {
		// Orientation 6 would make it 300x451 if applied.
		assertSize(451, 300, edgeCase("exif-rotated.jpg"));
	}

	@Test
	void largeAndElongatedJpegsAreRead() throws IOException {
		assertSize(5000, 4000, edgeCase("large-5000x4000.jpg"));
		RgbImage wide = edgeCase("wide-4000x40.jpg");
		assertSize(4000, 40, wide);
		assertFalse(isGray(wide));
	}

	@Test
	void tiffLookupTableIsApplied() throws IOException {
		ByteProcessor indices = new ByteProcessor(3, 1, new byte[] { 0, 1, (byte) 255 });
		byte[] reds = new byte[256];
		byte[] greens = new byte[256];
		byte[] blues = new byte[256];
		reds[1] = (byte) 0xff;
		greens[255] = 0x40;
		blues[255] = (byte) 0x80;
		indices.setLut(new LUT(reds, greens, blues));
		Path file = temp.resolve("lut.tif");
		assertTrue(new FileSaver(new ImagePlus("lut", indices)).saveAsTiff(file.toString()));
		assertArrayEquals(new int[] { 0, 0xff0000, 0x4080 }, ImageDecoder.read(file).pixels());
	}

	@Test
	void invertingLutTiffsAreInverted() throws IOException {
		// ImageJ saves an 8-bit inverting LUT as a palette, a 16-bit one as "white is zero" plus the LUT.
		ByteProcessor bytes = new ByteProcessor(2, 1, new byte[] { 0, (byte) 200 });
		bytes.invertLut();
		Path file8 = temp.resolve("inverted8.tif");
		assertTrue(new FileSaver(new ImagePlus("inverted8", bytes)).saveAsTiff(file8.toString()));
		assertArrayEquals(new int[] { 0xffffff, 55 * 0x010101 }, ImageDecoder.read(file8).pixels());
		ShortProcessor shorts = new ShortProcessor(3, 1, new short[] { 100, 300, 200 }, null);
		shorts.invertLut();
		Path file16 = temp.resolve("inverted16.tif");
		assertTrue(new FileSaver(new ImagePlus("inverted16", shorts)).saveAsTiff(file16.toString()));
		assertArrayEquals(new int[] { 0xffffff, 0, 127 * 0x010101 }, ImageDecoder.read(file16).pixels());
	}
}
