package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files made to stall a reader: each is read or refused with a reason at once. The time limits only keep a hang from
 * stalling the suite (ImageJ followed a looping TIFF forever).
 */
class HostileImageFilesTest {

	private static final Duration HANG_GUARD = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "to itself, 0", "back from the second, 1 0", "back from the third to the second, 1 2 1",
		"to itself from the second, 1 1" })
	void aLoopingChainOfDirectoriesGivesItsFirstImage(String loop, String nextText) throws Exception {
		int[] next = Arrays.stream(nextText.split(" ")).mapToInt(Integer::parseInt).toArray();
		int[] gray = new int[next.length];
		for (int i = 0; i < gray.length; i++)
			gray[i] = 40 + 50 * i;
		Path file = Files.write(dir.resolve("loop.tif"), TiffBytes.chain(3, 2, gray, next));

		RgbImage image = assertTimeoutPreemptively(HANG_GUARD, () -> ImageDecoder.read(file));

		int[] expected = new int[6];
		Arrays.fill(expected, 40 * 0x010101);
		assertArrayEquals(expected, image.pixels());
	}

	@Test
	void theFirstPageOfAnOrdinaryMultiPageTiffIsStillRead() throws Exception {
		Path file = Files.write(dir.resolve("pages.tif"), TiffBytes.chain(2, 2, new int[] { 7, 9, 11 },
			new int[] { 1, 2, -1 }));
		assertArrayEquals(new int[] { 0x070707, 0x070707, 0x070707, 0x070707 }, ImageDecoder.read(file).pixels());
	}

	@ParameterizedTest(name = "first directory at {0}")
	@CsvSource({ "4294967280, lies outside the file", "2, lies outside the file",
		"122, runs past the end of the file", "120, has no entries" })
	void aFirstDirectoryOutsideTheFileIsRefused(long offset, String problem) throws Exception {
		byte[] bytes = TiffBytes.chain(2, 2, new int[] { 1 }, new int[] { -1 });
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) offset);
		Path file = Files.write(dir.resolve("far.tif"), bytes);

		String reason = assertTimeoutPreemptively(HANG_GUARD,
			() -> assertThrows(UnreadableImageException.class, () -> ImageDecoder.read(file)).getMessage());

		assertEquals(true, reason.startsWith("corrupt TIFF: its first image directory") && reason.contains(problem),
			reason);
	}

	@Test
	void aTagWithMoreValuesThanTheFileHoldsIsRefused() throws Exception {
		byte[] bytes = TiffBytes.chain(2, 2, new int[] { 1 }, new int[] { -1 });
		// the count of StripOffsets, the sixth entry: four billion values, which ImageJ read a byte at a time
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 2 + 5 * 12 + 4, -1);
		Path file = Files.write(dir.resolve("count.tif"), bytes);

		String reason = assertTimeoutPreemptively(HANG_GUARD,
			() -> assertThrows(UnreadableImageException.class, () -> ImageDecoder.read(file)).getMessage());

		assertEquals("corrupt TIFF: tag 273 has 4294967295 values at byte 122, past the end of the file of 126 bytes",
			reason);
	}

	@Test
	void bigTiffIsRefusedAsSuch() throws Exception {
		byte[] bytes = TiffBytes.chain(2, 2, new int[] { 1 }, new int[] { -1 });
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(2, (short) 43);
		Path file = Files.write(dir.resolve("big.tif"), bytes);
		assertEquals("BigTIFF, which ImageJ cannot open",
			assertThrows(UnreadableImageException.class, () -> ImageDecoder.read(file)).getMessage());
	}

	@Test
	void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
		Path fifo = dir.resolve("pipe.png");
		assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");

		String reason = assertTimeoutPreemptively(HANG_GUARD,
			() -> assertThrows(UnreadableImageException.class, () -> ImageDecoder.read(fifo)).getMessage());

		assertEquals("a FIFO (named pipe), not a regular file: not read", reason);
	}

	@Test
	void aLinkToADeviceIsRefusedWithoutReadingIt() throws Exception {
		Path zero = Paths.get("/dev/zero");
		assumeTrue(Files.exists(zero));
		Path link = Files.createSymbolicLink(dir.resolve("zero.jpg"), zero);

		String reason = assertTimeoutPreemptively(HANG_GUARD,
			() -> assertThrows(UnreadableImageException.class, () -> ImageDecoder.read(link)).getMessage());

		assertEquals("a character device, not a regular file: not read", reason);
	}

	@Test
	void aFolderIsNoImage() throws IOException {
		assertEquals("a folder", assertThrows(UnreadableImageException.class,
			() -> ImageDecoder.read(Files.createDirectories(dir.resolve("f.png")))).getMessage());
	}
}
