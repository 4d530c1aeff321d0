package org.convnetexplorer.weights;

import static java.util.Arrays.asList;
import static java.util.Collections.emptyList;
import static java.util.Collections.singletonList;
import static org.convnetexplorer.files.TryLockChild.heldForOtherProcesses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.convnetexplorer.files.ExclusiveFileLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WeightsDownloaderTest {

	private static final byte[] CONTENT = DownloadFixtures.randomBytes(3 << 20, 42);
	private static final String SHA256 = DownloadFixtures.sha256(CONTENT);
	private static final String PREFIX = SHA256.substring(0, 8);
	private static final String NAME = "alexnet-" + PREFIX + ".pth";
	private static final int MIB = 1 << 20;

	@TempDir
	Path dir;

	private final WeightsDownloader downloader = new WeightsDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 3);

	@Test
	void theEndOfADownloadIsSaidOnceAfterItsLastUpdateHoweverItEnds() throws IOException {
		List<String> events = new ArrayList<>();
		DownloadProgress recording = new DownloadProgress() {
			@Override
			public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {
				events.add("update");
			}

			@Override
			public void finished() {
				events.add("finished");
			}
		};
		try (LoopbackHttpServer server = new LoopbackHttpServer("/models/" + NAME, CONTENT)) {
			downloader.download(server.url(), dir.resolve(NAME), PREFIX, recording);
			assertEquals("finished", events.get(events.size() - 1));
			assertEquals(1, events.stream().filter("finished"::equals).count());
			events.clear();
			assertThrows(WeightsException.class, () -> downloader.download(server.url("/missing"), dir.resolve("other"),
				PREFIX, recording));
			assertEquals(List.of("finished"), events);
		}
	}

	@Test
	void downloadsVerifiesAndReportsProgress() throws IOException {
		List<double[]> updates = new ArrayList<>();
		try (LoopbackHttpServer server = new LoopbackHttpServer("/models/" + NAME, CONTENT)) {
			String sha256 = downloader.download(server.url(), dir.resolve(NAME), PREFIX, (bytes, total, rate) -> updates
				.add(new double[] { bytes, total, rate }));

			assertEquals(SHA256, sha256);
			assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
			assertEquals(singletonList(NAME), DownloadFixtures.fileNames(dir));
			assertEquals(singletonList(null), server.rangeHeaders());
		}
		assertTrue(updates.size() > 2, "several progress updates");
		assertEquals(0, updates.get(0)[0]);
		assertEquals(CONTENT.length, updates.get(updates.size() - 1)[0]);
		for (int i = 1; i < updates.size(); i++) {
			assertTrue(updates.get(i)[0] >= updates.get(i - 1)[0], "bytes so far never decrease");
		}
		assertTrue(updates.stream().allMatch(update -> update[1] == CONTENT.length), "total always known");
		assertTrue(updates.get(updates.size() - 1)[2] > 0, "a transfer rate");
	}

	@Test
	void wrongHashIsAnErrorThatNamesBothHashesAndLeavesNothing() throws IOException {
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT)) {
			WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(server.url(), dir
				.resolve(NAME), "7be5be79", DownloadProgress.NONE));

			assertEquals("Downloaded " + server.url() + " but its SHA-256 is " + SHA256 +
				", expected one starting with 7be5be79; the download was deleted.", error.getMessage());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void httpErrorNamesTheStatusIsNotRetriedAndLeavesNothing() throws IOException {
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).failingWith(404)) {
			WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(server.url(), dir
				.resolve(NAME), PREFIX, DownloadProgress.NONE));

			assertTrue(error.getMessage().startsWith("Could not download " + server.url() + " (HTTP 404 "), error
				.getMessage());
			assertEquals(1, server.rangeHeaders().size());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void cutConnectionIsResumedWithARangeRequest() throws IOException {
		List<Long> bytesSoFar = new ArrayList<>();
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).cuttingFirstResponses(2, MIB)) {
			downloader.download(server.url(), dir.resolve(NAME), PREFIX, (bytes, total, rate) -> bytesSoFar.add(bytes));

			assertEquals(asList(null, "bytes=" + MIB + "-", "bytes=" + 2 * MIB + "-"), server.rangeHeaders());
		}
		assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
		assertEquals(singletonList(NAME), DownloadFixtures.fileNames(dir));
		assertTrue(bytesSoFar.contains((long) MIB) && bytesSoFar.contains(2L * MIB), "resumed, not restarted");
		assertEquals(CONTENT.length, bytesSoFar.get(bytesSoFar.size() - 1));
	}

	@Test
	void connectionCutOnEveryAttemptGivesUpAndLeavesNothing() throws IOException {
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).cuttingFirstResponses(3, 1000)) {
			WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(server.url(), dir
				.resolve(NAME), PREFIX, DownloadProgress.NONE));

			assertEquals(3, server.rangeHeaders().size());
			assertTrue(error.getMessage().startsWith("Could not download " + server.url() + " (connection lost: "), error
				.getMessage());
			assertTrue(error.getMessage().contains("gave up after 3 attempts"), error.getMessage());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void partFileLeftByAKilledRunIsResumedAndCountsInTheHash() throws IOException {
		Files.write(dir.resolve(NAME + ".part"), Arrays.copyOf(CONTENT, MIB));
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT)) {
			downloader.download(server.url(), dir.resolve(NAME), PREFIX, DownloadProgress.NONE);

			assertEquals(singletonList("bytes=" + MIB + "-"), server.rangeHeaders());
		}
		assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
		assertEquals(singletonList(NAME), DownloadFixtures.fileNames(dir));
	}

	@Test
	void corruptPartFileLeftByAKilledRunFailsTheHashAndIsDeleted() throws IOException {
		Files.write(dir.resolve(NAME + ".part"), new byte[MIB]);
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT)) {
			WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(server.url(), dir
				.resolve(NAME), PREFIX, DownloadProgress.NONE));

			assertTrue(error.getMessage().contains("expected one starting with " + PREFIX), error.getMessage());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void completePartFileLeftByAKilledRunIsVerifiedWithoutDownloadingAgain() throws IOException {
		Files.write(dir.resolve(NAME + ".part"), CONTENT);
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT)) {
			downloader.download(server.url(), dir.resolve(NAME), PREFIX, DownloadProgress.NONE);

			// The server answers 416 Range Not Satisfiable, with the file's size.
			assertEquals(singletonList("bytes=" + CONTENT.length + "-"), server.rangeHeaders());
		}
		assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
		assertEquals(singletonList(NAME), DownloadFixtures.fileNames(dir));
	}

	@Test
	void serverIgnoringRangeMakesTheDownloadStartOver() throws IOException {
		Files.write(dir.resolve(NAME + ".part"), Arrays.copyOf(CONTENT, MIB));
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).ignoringRange()) {
			downloader.download(server.url(), dir.resolve(NAME), PREFIX, DownloadProgress.NONE);

			assertEquals(singletonList("bytes=" + MIB + "-"), server.rangeHeaders());
		}
		assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
		assertEquals(singletonList(NAME), DownloadFixtures.fileNames(dir));
	}

	@Test
	void stalledServerTimesOutWithinTheReadTimeoutAndLeavesNothing() throws IOException {
		WeightsDownloader impatient = new WeightsDownloader(Duration.ofSeconds(5), Duration.ofMillis(300), 2);
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).stallingAfterHeaders()) {
			long started = System.nanoTime();
			WeightsException error = assertThrows(WeightsException.class, () -> impatient.download(server.url(), dir
				.resolve(NAME), PREFIX, DownloadProgress.NONE));
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertEquals("Could not download " + server.url() +
				" (the server sent nothing for 0.3 s; gave up after 2 attempts). Download it by hand and put it at " + dir
					.resolve(NAME) + ", or pass the file's path as the weights.", error.getMessage());
			assertTrue(took.compareTo(Duration.ofMillis(600)) >= 0 && took.compareTo(Duration.ofSeconds(5)) < 0, "took " +
				took);
			assertEquals(2, server.rangeHeaders().size());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void refusedConnectionSaysWhereToPutAFileDownloadedByHand() throws IOException {
		String url = DownloadFixtures.refusingUrl("/" + NAME);

		WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(url, dir.resolve(NAME),
			PREFIX, DownloadProgress.NONE));

		// Java 11 words it "Connection refused (Connection refused)", hence no assertEquals.
		assertTrue(error.getMessage().startsWith("Could not download " + url + " (connection refused"), error
			.getMessage());
		assertTrue(error.getMessage().endsWith("). Download it by hand and put it at " + dir.resolve(NAME) +
			", or pass the file's path as the weights."), error.getMessage());
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void redirectIsFollowed() throws IOException {
		try (LoopbackHttpServer server = new LoopbackHttpServer("/cdn/" + NAME, CONTENT).redirecting("/models/" + NAME,
			"/cdn/" + NAME))
		{
			downloader.download(server.url("/models/" + NAME), dir.resolve(NAME), PREFIX, DownloadProgress.NONE);
		}
		assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
	}

	@Test
	void secondDownloadIntoTheSameTargetIsRefusedAndLeavesTheFirstOnesPartFile() throws Exception {
		Path part = dir.resolve(NAME + ".part");
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT);
			ExclusiveFileLock firstDownload = ExclusiveFileLock.tryLock(part))
		{
			WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(server.url(), dir
				.resolve(NAME), PREFIX, DownloadProgress.NONE));

			assertEquals("Another download of " + server.url() + " into " + dir.resolve(NAME) +
				" is running; wait for it to finish.", error.getMessage());
			assertEquals(emptyList(), server.rangeHeaders());
			assertTrue(Files.exists(part));
			assertTrue(heldForOtherProcesses(part), "the refused download did not drop the first one's lock");
		}
	}

	@Test
	void cancelStopsAStalledDownloadAtOnceAndKeepsThePartFileForTheNextRun() throws IOException {
		// a read timeout far beyond the test's: only the cancel can end this download in time
		WeightsDownloader patient = new WeightsDownloader(Duration.ofSeconds(5), Duration.ofMinutes(10), 3);
		AtomicBoolean cancel = new AtomicBoolean();
		DownloadProgress cancelAtOneMebibyte = new DownloadProgress() {
			@Override
			public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {
				if (bytesSoFar >= MIB) cancel.set(true); // as a signal would, from another thread
			}

			@Override
			public boolean cancelled() {
				return cancel.get();
			}
		};
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).stallingAfter(MIB)) {
			WeightsException error = assertThrows(WeightsException.class, () -> patient.download(server.url(), dir
				.resolve(NAME), PREFIX, cancelAtOneMebibyte));

			assertEquals("Download of " + server.url() + " stopped; the " + MIB + " bytes received stay in " +
				dir.resolve(NAME + ".part") + " and the next run resumes from there.", error.getMessage());
		}
		assertArrayEquals(Arrays.copyOf(CONTENT, MIB), Files.readAllBytes(dir.resolve(NAME + ".part")));
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT)) {
			downloader.download(server.url(), dir.resolve(NAME), PREFIX, DownloadProgress.NONE);
			assertEquals(singletonList("bytes=" + MIB + "-"), server.rangeHeaders(), "resumed");
		}
		assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
	}

	@Test
	void aServerTricklingBelowTheFloorFailsWithTheReasonAndLeavesNothing() throws IOException {
		// one byte every 50 ms never trips the read timeout; the floor (1000 bytes in any 0.3 s) does
		WeightsDownloader withFloor = new WeightsDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 1000,
			Duration.ofMillis(300));
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).trickling(50)) {
			WeightsException error = assertThrows(WeightsException.class, () -> withFloor.download(server.url(), dir
				.resolve(NAME), PREFIX, DownloadProgress.NONE));

			assertTrue(error.getMessage().startsWith("Could not download " + server.url() + " (the server sent "),
				error.getMessage());
			assertTrue(error.getMessage().contains(", below the floor of 1000 bytes in 0.3 s; gave up after 2 attempts)"),
				error.getMessage());
			assertEquals(2, server.rangeHeaders().size());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void aServerSendingMoreThanTheFileFailsBeforeFillingTheDisk() throws IOException {
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT).endless()) {
			WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(server.url(), dir
				.resolve(NAME), PREFIX, CONTENT.length, DownloadProgress.NONE));

			assertTrue(error.getMessage().startsWith("Could not download " + server.url() + " (the server sent more " +
				"than the file's " + CONTENT.length + " bytes)"), error.getMessage());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void aServerAnnouncingMoreThanTheFileFailsAtOnce() throws IOException {
		try (LoopbackHttpServer server = new LoopbackHttpServer("/" + NAME, CONTENT)) {
			WeightsException error = assertThrows(WeightsException.class, () -> downloader.download(server.url(), dir
				.resolve(NAME), PREFIX, CONTENT.length - 1, DownloadProgress.NONE));

			assertTrue(error.getMessage().startsWith("Could not download " + server.url() + " (the server offers " +
				CONTENT.length + " bytes, but the file is at most " + (CONTENT.length - 1) + ")"), error.getMessage());
		}
		assertEquals(emptyList(), DownloadFixtures.fileNames(dir));
	}

	@Test
	void urlThatIsNotHttpIsAnError() {
		WeightsException error = assertThrows(WeightsException.class, () -> downloader.download("ftp://example.org/"
			+ NAME, dir.resolve(NAME), PREFIX, DownloadProgress.NONE));

		assertEquals("Not an http or https URL: ftp://example.org/" + NAME, error.getMessage());
	}
}
