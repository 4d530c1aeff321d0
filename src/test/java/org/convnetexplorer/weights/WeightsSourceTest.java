package org.convnetexplorer.weights;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Arrays.asList;
import static java.util.Collections.emptyList;
import static java.util.Collections.singletonList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WeightsSourceTest {

	/** Stands in for torchvision's file, whose name and hash the tests replace with its own. */
	private static final byte[] IMAGENET_CONTENT = DownloadFixtures.randomBytes(2 << 20, 7);
	private static final String IMAGENET_SHA256 = DownloadFixtures.sha256(IMAGENET_CONTENT);
	private static final String IMAGENET_PREFIX = IMAGENET_SHA256.substring(0, 8);
	private static final String IMAGENET_NAME = "alexnet-owt-" + IMAGENET_PREFIX + ".pth";
	private static final String DEMO_FIXTURE = "/org/convnetexplorer/weights/demo-fixture.pth";

	@TempDir
	Path dir;

	private final WeightsDownloader downloader = new WeightsDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 3);

	private WeightsSource source(String imagenetUrl) {
		return new WeightsSource(downloader, imagenetUrl, IMAGENET_PREFIX, DEMO_FIXTURE);
	}

	@Test
	void imagenetIsTorchvisionsFileByDefault() {
		assertEquals("https://download.pytorch.org/models/alexnet-owt-7be5be79.pth", WeightsSource.IMAGENET_URL);
		assertEquals("alexnet-owt-7be5be79.pth", new WeightsSource(downloader, WeightsSource.IMAGENET_URL)
			.imagenetFileName());
	}

	@Test
	void imagenetUrlComesFromThePropertyThenTheEnvironmentVariable() {
		assertEquals(WeightsSource.IMAGENET_URL, WeightsSource.configuredImagenetUrl(null, null));
		assertEquals("http://mirror/p.pth", WeightsSource.configuredImagenetUrl("http://mirror/p.pth",
			"http://mirror/e.pth"));
		assertEquals("http://mirror/e.pth", WeightsSource.configuredImagenetUrl(" ", "http://mirror/e.pth"));
	}

	@Test
	void imagenetIsDownloadedOnceAndThenTakenFromTheCacheWithoutNetwork() throws IOException {
		Path cache = dir.resolve("cache");
		List<Long> bytesSoFar = new ArrayList<>();
		Path downloaded;
		try (LoopbackHttpServer server = new LoopbackHttpServer("/models/" + IMAGENET_NAME, IMAGENET_CONTENT)) {
			downloaded = source(server.url()).resolve("imagenet", cache, (bytes, total, rate) -> bytesSoFar.add(bytes));
		}
		assertEquals(cache.resolve(IMAGENET_NAME), downloaded);
		assertArrayEquals(IMAGENET_CONTENT, Files.readAllBytes(downloaded));
		assertEquals(IMAGENET_CONTENT.length, bytesSoFar.get(bytesSoFar.size() - 1));
		assertEquals(asList(IMAGENET_NAME, IMAGENET_NAME + ".verified"), DownloadFixtures.fileNames(cache));

		assertEquals(downloaded, source(DownloadFixtures.refusingUrl("/models/" + IMAGENET_NAME)).resolve("imagenet", cache,
			DownloadProgress.NONE));
	}

	@Test
	void imagenetFilePutThereByHandIsVerifiedOnceAndUsedWithoutNetwork() throws IOException {
		Path file = dir.resolve(IMAGENET_NAME);
		Files.write(file, IMAGENET_CONTENT);

		assertEquals(file, source(DownloadFixtures.refusingUrl("/x")).resolve("imagenet", dir, DownloadProgress.NONE));
		String record = new String(Files.readAllBytes(dir.resolve(IMAGENET_NAME + ".verified")), US_ASCII);
		assertTrue(record.startsWith("# ConvNet Explorer verified weights, version 2, CRC-32C ") &&
			record.endsWith("\n" + IMAGENET_SHA256 + " " + IMAGENET_CONTENT.length + "\n"), record);
	}

	@Test
	void aRecordOfAnotherVersionOrChangedDoesNotVouchForTheFile() throws IOException {
		Path file = dir.resolve(IMAGENET_NAME);
		byte[] errorPage = "<html>Access denied</html>".getBytes(US_ASCII);
		Files.write(file, errorPage);
		Path record = dir.resolve(IMAGENET_NAME + ".verified");
		String url = DownloadFixtures.refusingUrl("/x");
		for (String forged : new String[] { IMAGENET_SHA256 + " " + errorPage.length + "\n",
			"# ConvNet Explorer verified weights, version 2, CRC-32C 00000000\n" + IMAGENET_SHA256 + " " +
				errorPage.length + "\n" })
		{
			Files.writeString(record, forged);
			WeightsException error = assertThrows(WeightsException.class, () -> source(url).resolve("imagenet", dir,
				DownloadProgress.NONE));
			assertTrue(error.getMessage().startsWith(file + " is not the expected weight file"), error.getMessage());
		}
	}

	@Test
	void wrongFileUnderTheImagenetNameIsAnErrorAndIsKept() throws IOException {
		Path file = dir.resolve(IMAGENET_NAME);
		byte[] errorPage = "<html>Access denied</html>".getBytes(US_ASCII);
		Files.write(file, errorPage);
		String url = DownloadFixtures.refusingUrl("/x");

		WeightsException error = assertThrows(WeightsException.class, () -> source(url).resolve("imagenet", dir,
			DownloadProgress.NONE));

		assertEquals(file + " is not the expected weight file: its SHA-256 is " + DownloadFixtures.sha256(errorPage) +
			", expected one starting with " + IMAGENET_PREFIX + ". Delete it to have it downloaded again from " + url + ".",
			error.getMessage());
		assertEquals(singletonList(IMAGENET_NAME), DownloadFixtures.fileNames(dir));
	}

	@Test
	void offlineImagenetSaysWhereToPutAFileDownloadedByHand() throws IOException {
		String url = DownloadFixtures.refusingUrl("/models/" + IMAGENET_NAME);

		WeightsException error = assertThrows(WeightsException.class, () -> source(url).resolve("imagenet", dir,
			DownloadProgress.NONE));

		// Java 11 words it "Connection refused (Connection refused)", hence no assertEquals.
		assertTrue(error.getMessage().startsWith("Could not download " + url + " (connection refused"), error
			.getMessage());
		assertTrue(error.getMessage().endsWith("). Download it by hand and put it at " + dir.resolve(IMAGENET_NAME) +
			", or pass the file's path as the weights."), error.getMessage());
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void demoIsCopiedIntoTheCacheUnderItsHashOnlyTheFirstTime() throws IOException {
		byte[] demo;
		try (InputStream in = WeightsSourceTest.class.getResourceAsStream(DEMO_FIXTURE)) {
			demo = in.readAllBytes();
		}
		Path cache = dir.resolve("cache");
		WeightsSource source = source(DownloadFixtures.refusingUrl("/x"));

		Path copied = source.resolve("demo", cache, DownloadProgress.NONE);

		assertEquals(cache.resolve("demo-alexnet-" + DownloadFixtures.sha256(demo).substring(0, 8) + ".pth"), copied);
		assertArrayEquals(demo, Files.readAllBytes(copied));
		FileTime longAgo = FileTime.fromMillis(0);
		Files.setLastModifiedTime(copied, longAgo);

		assertEquals(copied, source.resolve("demo", cache, DownloadProgress.NONE));
		assertEquals(longAgo, Files.getLastModifiedTime(copied), "not copied again");
		assertEquals(singletonList(copied.getFileName().toString()), DownloadFixtures.fileNames(cache));
	}

	@Test
	void buildWithoutTheDemoNetworkSaysSo() throws IOException {
		String missing = "/org/convnetexplorer/weights/no-such-demo.pth";
		WeightsSource source = new WeightsSource(downloader, DownloadFixtures.refusingUrl("/x"), IMAGENET_PREFIX, missing);

		WeightsException error = assertThrows(WeightsException.class, () -> source.resolve("demo", dir,
			DownloadProgress.NONE));

		assertEquals("This build of ConvNet Explorer has no demo network (resource " + missing +
			" is missing); use 'imagenet' or the path of a .pth file.", error.getMessage());
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void weightFileIsReturnedAsGiven() throws IOException {
		Path file = Files.write(dir.resolve("mine.pth"), new byte[] { 1, 2, 3 });

		assertEquals(file, source(DownloadFixtures.refusingUrl("/x")).resolve(file.toString(), dir.resolve("cache"),
			DownloadProgress.NONE));
	}

	@Test
	void missingWeightFileIsAnErrorThatNamesIt() throws IOException {
		Path missing = dir.resolve("imagnet");

		WeightsException error = assertThrows(WeightsException.class, () -> source(DownloadFixtures.refusingUrl("/x")).resolve(
			missing.toString(), dir, DownloadProgress.NONE));

		assertEquals("Weight file " + missing +
			" does not exist (weights are 'imagenet', 'demo' or the path of a .pth file).", error.getMessage());
	}

	@Test
	void folderIsNotAWeightFile() throws IOException {
		WeightsException error = assertThrows(WeightsException.class, () -> source(DownloadFixtures.refusingUrl("/x")).resolve(dir
			.toString(), dir, DownloadProgress.NONE));

		assertEquals("Weight file " + dir + " is not a regular file.", error.getMessage());
	}
}
