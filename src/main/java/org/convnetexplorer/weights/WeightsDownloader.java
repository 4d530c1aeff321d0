package org.convnetexplorer.weights;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convnetexplorer.files.ExclusiveFileLock;

/**
 * Downloads a file over HTTP or HTTPS so that the target file, when it exists, is complete and has the expected
 * SHA-256.
 * <p>
 * The bytes go to {@code <target>.part} in the target's folder. A connection that is cut or stalls (no byte for the
 * read timeout) is resumed with an HTTP {@code Range} request, up to the configured number of attempts in all; a
 * server that answers a range request with the whole file makes the download start over. A {@code .part} file left
 * by an earlier run that was killed is resumed the same way, and its bytes count in the hash. Only when the whole
 * file has the expected SHA-256 is it renamed, atomically, to the target name. On any failure the {@code .part} file
 * is deleted, except when the download is cancelled ({@link DownloadProgress#cancelled()}, polled several times a
 * second, also while a read blocks): then it stops at once and the {@code .part} file stays for the next run to
 * resume. A connection slower than the floor (fewer than {@code floorBytes} in any {@code floorWindow}; by default
 * 1 MB a minute, about 17 kB/s, which brings torchvision's 233 MB in under four hours) counts as stalled, and so does
 * a server that sends or announces more than the file's known maximum size: the first is retried, the second is an
 * error. Redirects are followed, also between http and https. Proxies come from the usual Java system properties
 * ({@code https.proxyHost}, {@code java.net.useSystemProxies}, ...).
 */
public final class WeightsDownloader {

	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
	/**
	 * Environment variable with the read timeout in whole seconds, for {@link #WeightsDownloader()}: for links slower
	 * than the default allows, and for tests that must tell a prompt stop from the end of a read timeout.
	 */
	public static final String READ_TIMEOUT_ENV = "CONVNET_EXPLORER_READ_TIMEOUT_SECONDS";
	public static final int DEFAULT_MAX_ATTEMPTS = 5;
	public static final long DEFAULT_FLOOR_BYTES = 1_000_000;
	public static final Duration DEFAULT_FLOOR_WINDOW = Duration.ofSeconds(60);

	/** How often the waiting thread looks at cancellation and speed. */
	private static final long POLL_MILLIS = 100;

	/** Appended to the target's name for the file that holds the bytes until they are verified. */
	public static final String PART_SUFFIX = ".part";

	private static final int MAX_REDIRECTS = 10;
	private static final int HTTP_RANGE_NOT_SATISFIABLE = 416;

	/** {@code bytes <first>-<last>/<total>} or {@code bytes * /<total>}; the total may be {@code *}. */
	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(?:(\\d+)-\\d+|\\*)/(\\d+|\\*)");

	private final int connectTimeoutMillis;
	private final int readTimeoutMillis;
	private final int maxAttempts;
	private final long floorBytes;
	private final long floorWindowNanos;

	/** The default timeouts, but the read timeout set by {@value #READ_TIMEOUT_ENV} where it is. */
	public WeightsDownloader() {
		this(DEFAULT_CONNECT_TIMEOUT, readTimeout(System.getenv(READ_TIMEOUT_ENV)), DEFAULT_MAX_ATTEMPTS);
	}

	/** @throws IllegalArgumentException naming the variable, for anything but a positive whole number of seconds */
	static Duration readTimeout(String seconds) {
		if (seconds == null || seconds.isBlank()) return DEFAULT_READ_TIMEOUT;
		try {
			long value = Long.parseLong(seconds.trim());
			if (value > 0 && value <= Integer.MAX_VALUE / 1000) return Duration.ofSeconds(value);
		}
		catch (NumberFormatException e) {
			// said below
		}
		throw new IllegalArgumentException(READ_TIMEOUT_ENV + " must be a whole number of seconds from 1 to " +
			Integer.MAX_VALUE / 1000 + ", not '" + seconds + "'");
	}

	public WeightsDownloader(Duration connectTimeout, Duration readTimeout, int maxAttempts) {
		this(connectTimeout, readTimeout, maxAttempts, DEFAULT_FLOOR_BYTES, DEFAULT_FLOOR_WINDOW);
	}

	/**
	 * @param connectTimeout how long to wait for a connection to the server
	 * @param readTimeout how long the server may send nothing, for the headers or in the body, before the connection
	 *          counts as stalled
	 * @param maxAttempts connections to make in all, the first one included, before giving up on cut or stalled ones
	 * @param floorBytes a connection that brings fewer bytes than this in {@code floorWindow} counts as stalled
	 */
	public WeightsDownloader(Duration connectTimeout, Duration readTimeout, int maxAttempts, long floorBytes,
		Duration floorWindow)
	{
		this.connectTimeoutMillis = positiveMillis(connectTimeout, "connectTimeout");
		this.readTimeoutMillis = positiveMillis(readTimeout, "readTimeout");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
		}
		this.maxAttempts = maxAttempts;
		if (floorBytes < 0) {
			throw new IllegalArgumentException("floorBytes must be 0 or more, not " + floorBytes);
		}
		this.floorBytes = floorBytes;
		this.floorWindowNanos = positiveMillis(floorWindow, "floorWindow") * 1_000_000L;
	}

	/**
	 * Downloads {@code url} to {@code target}, replacing any file there, and creating the target's folder if needed.
	 *
	 * @param expectedSha256Prefix the first 8 to 64 hex digits of the file's SHA-256
	 * @return the file's whole SHA-256, in lower-case hex
	 * @throws WeightsException naming the URL and the reason: server unreachable (with where to put a file
	 *           downloaded by hand), HTTP error status, connection cut or stalled on every attempt, wrong SHA-256,
	 *           another download into the same target running, or the file could not be written
	 * @throws IllegalArgumentException if {@code expectedSha256Prefix} is not 8 to 64 hex digits
	 */
	public String download(String url, Path target, String expectedSha256Prefix, DownloadProgress progress)
		throws WeightsException
	{
		return download(url, target, expectedSha256Prefix, -1, progress);
	}

	/**
	 * As {@link #download(String, Path, String, DownloadProgress)}, for a file of at most {@code maxBytes} (-1: not
	 * known): a server that announces or sends more fails at once, before it fills the disk.
	 */
	public String download(String url, Path target, String expectedSha256Prefix, long maxBytes,
		DownloadProgress progress) throws WeightsException
	{
		String expected = Sha256.requirePrefix(expectedSha256Prefix);
		try {
			return transfer(url, target, expected, maxBytes, progress);
		}
		finally {
			progress.finished();
		}
	}

	private String transfer(String url, Path target, String expected, long maxBytes, DownloadProgress progress)
		throws WeightsException
	{
		Transfer transfer = new Transfer(url, target.toAbsolutePath(), maxBytes, progress);
		Path part = transfer.target.resolveSibling(transfer.target.getFileName() + PART_SUFFIX);
		try {
			Files.createDirectories(part.getParent());
			// Locked so that two downloads (say, two Fiji instances sharing a cache) do not append to the same file.
			try (ExclusiveFileLock lock = ExclusiveFileLock.tryLock(part)) {
				if (lock == null) throw new WeightsException("Another download of " + transfer.url + " into " +
					transfer.target + " is running; wait for it to finish.");
				FileChannel channel = lock.channel();
				try {
					transfer.receive(channel);
					String actual = Sha256.hexOf(Channels.newInputStream(channel.position(0)));
					if (!actual.startsWith(expected)) {
						throw new WeightsException("Downloaded " + url + " but its SHA-256 is " + actual +
							", expected one starting with " + expected + "; the download was deleted.");
					}
					Files.move(part, transfer.target, ATOMIC_MOVE, REPLACE_EXISTING);
					return actual;
				}
				catch (Cancelled e) {
					throw e; // the .part file stays: the next run resumes it
				}
				catch (IOException | RuntimeException e) {
					deleteAfterFailure(part, e);
					throw e;
				}
			}
		}
		catch (WeightsException e) {
			throw e;
		}
		catch (IOException e) {
			throw transfer.cannotSave(e);
		}
	}

	private static void deleteAfterFailure(Path part, Exception failure) {
		try {
			Files.deleteIfExists(part);
		}
		catch (IOException e) {
			failure.addSuppressed(e);
		}
	}

	/** A download stopped on request; its {@code .part} file is kept. */
	private static final class Cancelled extends WeightsException {
		Cancelled(String message) {
			super(message);
		}
	}

	/** One download: the attempts, and the messages that name its URL and target. */
	private final class Transfer {

		final String url;
		final Path target;
		final long maxBytes;
		final URL source;
		final DownloadProgress progress;

		Transfer(String url, Path target, long maxBytes, DownloadProgress progress) throws WeightsException {
			this.url = url;
			this.target = target;
			this.maxBytes = maxBytes;
			this.progress = progress;
			try {
				this.source = requireHttp(new URI(url).toURL());
			}
			catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
				throw new WeightsException("Not an http or https URL: " + url, e);
			}
		}

		/** Fills {@code part} with the whole file, resuming from what it already holds. */
		void receive(FileChannel part) throws IOException {
			IOException lastFailure = null;
			for (int attempt = 1; attempt <= maxAttempts; attempt++) {
				try {
					receiveOnce(part);
					return;
				}
				catch (WeightsException e) {
					throw e;
				}
				catch (IOException e) {
					// Cut or stalled: the next attempt resumes from what is on disk.
					lastFailure = e;
				}
			}
			String reason = lastFailure instanceof SocketTimeoutException ? "the server sent nothing for " +
				seconds(readTimeoutMillis) : lastFailure instanceof TooSlow ? lastFailure.getMessage()
					: "connection lost: " + describe(lastFailure);
			throw cannotDownload(reason + "; gave up after " + maxAttempts + " attempts", lastFailure);
		}

		/**
		 * Makes one request on a thread of its own, and watches it: a cancel or a connection below the floor ends the
		 * attempt at once, even while the request waits in a read, and its thread is left to die on its own (it writes
		 * nothing more).
		 *
		 * @throws WeightsException for failures that another attempt would not cure, and for a cancel
		 * @throws IOException for a cut, stalled or too slow connection
		 */
		private void receiveOnce(FileChannel part) throws IOException {
			Attempt attempt = new Attempt(part);
			Thread worker = new Thread(attempt, "convnet-explorer-download");
			worker.setDaemon(true);
			worker.start();
			long windowStart = System.nanoTime();
			long windowBytes = 0;
			try {
				while (!attempt.done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
					if (progress.cancelled()) {
						attempt.abandon();
						throw new Cancelled("Download of " + url + " stopped; the " + part.size() + " bytes received " +
							"stay in " + target + PART_SUFFIX + " and the next run resumes from there.");
					}
					long now = System.nanoTime();
					if (now - windowStart >= floorWindowNanos) {
						long received = attempt.received.get();
						if (received - windowBytes < floorBytes) {
							attempt.abandon();
							throw new TooSlow("the server sent " + (received - windowBytes) + " bytes in " +
								seconds((int) ((now - windowStart) / 1_000_000)) + ", below the floor of " + floorBytes +
								" bytes in " + seconds((int) (floorWindowNanos / 1_000_000)));
						}
						windowStart = now;
						windowBytes = received;
					}
				}
			}
			catch (InterruptedException e) {
				attempt.abandon();
				Thread.currentThread().interrupt();
				throw new Cancelled("Download of " + url + " interrupted; what was received stays in " + target +
					PART_SUFFIX + ".");
			}
			attempt.rethrow();
		}

		/** One request, run by its own thread; its writes stop once it is abandoned. */
		private final class Attempt implements Runnable {
			final FileChannel part;
			final CountDownLatch done = new CountDownLatch(1);
			final AtomicLong received = new AtomicLong();
			volatile HttpURLConnection connection;
			private boolean abandoned;
			private IOException failure;
			private RuntimeException bug;

			Attempt(FileChannel part) {
				this.part = part;
			}

			@Override
			public void run() {
				try {
					request(this);
				}
				catch (IOException e) {
					failure = e;
				}
				catch (RuntimeException e) {
					bug = e;
				}
				finally {
					done.countDown();
				}
			}

			/** Called by the waiting thread: no byte is written after this returns. */
			synchronized void abandon() {
				abandoned = true;
				HttpURLConnection open = connection;
				if (open != null) {
					// disconnect may block on the stream the worker reads: from a thread of its own
					Thread closer = new Thread(open::disconnect, "convnet-explorer-download-close");
					closer.setDaemon(true);
					closer.start();
				}
			}

			/** Writes unless abandoned; true if written. */
			synchronized boolean write(ByteBuffer bytes, long position) throws WeightsException {
				if (abandoned) return false;
				writeFully(part, bytes, position);
				return true;
			}

			/** Empties the file for a server that sends it whole, unless abandoned. */
			synchronized void restart() throws WeightsException {
				if (!abandoned) Transfer.this.restart(part);
			}

			synchronized boolean abandoned() {
				return abandoned;
			}

			/** Reports progress unless abandoned: once a stop is said, an old attempt says nothing more. */
			synchronized void report(long bytesSoFar, long totalBytes, double bytesPerSecond) {
				if (!abandoned) progress.update(bytesSoFar, totalBytes, bytesPerSecond);
			}

			void rethrow() throws IOException {
				if (failure != null) throw failure;
				if (bug != null) throw bug;
			}
		}

		/**
		 * Makes one request, for the bytes {@code part} lacks, and appends them.
		 *
		 * @throws WeightsException for failures that another attempt would not cure
		 * @throws IOException for a cut or stalled connection
		 */
		private void request(Attempt attempt) throws IOException {
			FileChannel part = attempt.part;
			long offset = part.size();
			HttpURLConnection connection = open(offset, attempt);
			try {
				int status = connection.getResponseCode();
				String contentRange = connection.getHeaderField("Content-Range");
				if (status == HttpURLConnection.HTTP_PARTIAL) {
					if (rangeStart(contentRange) != offset) {
						attempt.restart();
						throw new IOException("asked for bytes from " + offset + ", got Content-Range " + contentRange);
					}
					copyBody(connection.getInputStream(), attempt, offset, rangeTotal(contentRange));
				}
				else if (status == HttpURLConnection.HTTP_OK) {
					// A server that ignores Range sends the whole file again.
					attempt.restart();
					copyBody(connection.getInputStream(), attempt, 0, connection.getContentLengthLong());
				}
				else if (status == HTTP_RANGE_NOT_SATISFIABLE && offset > 0) {
					// An earlier run may have been killed between the last byte and the rename.
					if (rangeTotal(contentRange) != offset) {
						attempt.restart();
						throw new IOException("server cannot resume at byte " + offset);
					}
					attempt.report(offset, offset, 0);
				}
				else {
					String message = connection.getResponseMessage();
					throw cannotDownload("HTTP " + status + (message == null ? "" : " " + message), null);
				}
			}
			finally {
				connection.disconnect();
			}
		}

		/** Connects to the URL, following redirects, and asks for the file from byte {@code offset} on. */
		private HttpURLConnection open(long offset, Attempt attempt) throws IOException {
			URL location = source;
			for (int redirects = 0;; redirects++) {
				HttpURLConnection connection;
				try {
					connection = (HttpURLConnection) location.openConnection();
					attempt.connection = connection;
					if (attempt.abandoned()) throw new IOException("abandoned");
					connection.setConnectTimeout(connectTimeoutMillis);
					connection.setReadTimeout(readTimeoutMillis);
					// HttpURLConnection would not follow redirects between http and https, which CDNs may use.
					connection.setInstanceFollowRedirects(false);
					connection.setRequestProperty("Accept-Encoding", "identity");
					if (offset > 0) {
						connection.setRequestProperty("Range", "bytes=" + offset + "-");
					}
					connection.connect();
				}
				catch (IOException e) {
					// Not worth retrying: offline, no such host, firewall, proxy or TLS trouble.
					throw cannotDownload(unreachableReason(e), e);
				}
				int status;
				try {
					status = connection.getResponseCode();
				}
				catch (IOException e) {
					connection.disconnect();
					throw e;
				}
				if (!isRedirect(status)) {
					return connection;
				}
				String next = connection.getHeaderField("Location");
				connection.disconnect();
				if (next == null || redirects == MAX_REDIRECTS) {
					throw cannotDownload("HTTP " + status + (next == null ? " without a Location"
						: " redirected more than " + MAX_REDIRECTS + " times"), null);
				}
				try {
					location = requireHttp(new URL(location, next));
				}
				catch (MalformedURLException e) {
					throw cannotDownload("redirected to " + next + ", which is not an http or https URL", e);
				}
			}
		}

		private void copyBody(InputStream body, Attempt attempt, long offset, long total) throws IOException {
			if (maxBytes >= 0 && total > maxBytes) {
				throw cannotDownload("the server offers " + total + " bytes, but the file is at most " + maxBytes, null);
			}
			long received = offset;
			long started = System.nanoTime();
			attempt.report(received, total, 0);
			byte[] buffer = new byte[1 << 16];
			try (InputStream in = body) {
				for (int n; (n = in.read(buffer)) != -1;) {
					if (maxBytes >= 0 && received + n > maxBytes) {
						throw cannotDownload("the server sent more than the file's " + maxBytes + " bytes", null);
					}
					if (!attempt.write(ByteBuffer.wrap(buffer, 0, n), received)) {
						return; // abandoned: the waiting thread has moved on
					}
					received += n;
					attempt.received.addAndGet(n);
					double seconds = Math.max(1, System.nanoTime() - started) / 1e9;
					attempt.report(received, total, (received - offset) / seconds);
				}
			}
			if (total >= 0 && received < total) {
				throw new EOFException("server closed the connection after " + received + " of " + total + " bytes");
			}
		}

		/** Disk trouble is not a network cut: it becomes a {@link WeightsException}, which is not retried. */
		private void writeFully(FileChannel part, ByteBuffer bytes, long position) throws WeightsException {
			try {
				for (long at = position; bytes.hasRemaining();) {
					at += part.write(bytes, at);
				}
			}
			catch (IOException e) {
				throw cannotSave(e);
			}
		}

		private void restart(FileChannel part) throws WeightsException {
			try {
				part.truncate(0);
			}
			catch (IOException e) {
				throw cannotSave(e);
			}
		}

		WeightsException cannotSave(IOException e) {
			return new WeightsException("Could not save " + url + " to " + target + " (" + describe(e) + ").", e);
		}

		private WeightsException cannotDownload(String reason, IOException cause) {
			return new WeightsException("Could not download " + url + " (" + reason +
				"). Download it by hand and put it at " + target + ", or pass the file's path as the weights.", cause);
		}

		private String unreachableReason(IOException e) {
			if (e instanceof UnknownHostException) {
				return "unknown host " + e.getMessage();
			}
			if (e instanceof SocketTimeoutException) {
				return "no connection within " + seconds(connectTimeoutMillis);
			}
			String reason = describe(e);
			return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
		}
	}

	/** A connection below the speed floor: stalled, in effect. */
	private static final class TooSlow extends IOException {
		TooSlow(String message) {
			super(message);
		}
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static URL requireHttp(URL url) throws MalformedURLException {
		if (!url.getProtocol().equals("http") && !url.getProtocol().equals("https")) {
			throw new MalformedURLException("not http or https: " + url);
		}
		return url;
	}

	/** The first byte a {@code Content-Range} header says is sent, or -1. */
	private static long rangeStart(String contentRange) {
		Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
		return m != null && m.matches() && m.group(1) != null ? Long.parseLong(m.group(1)) : -1;
	}

	/** The file size a {@code Content-Range} header gives, or -1. */
	private static long rangeTotal(String contentRange) {
		Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
		return m != null && m.matches() && !m.group(2).equals("*") ? Long.parseLong(m.group(2)) : -1;
	}

	/**
	 * The exception's message for users, with its type where the message alone would be just a file name (as for
	 * {@link java.nio.file.AccessDeniedException}).
	 */
	static String describe(IOException e) {
		String message = e.getMessage();
		if (message == null || message.isEmpty()) {
			return e.getClass().getSimpleName();
		}
		return e instanceof FileSystemException ? e.getClass().getSimpleName() + ": " + message : message;
	}

	private static String seconds(int millis) {
		return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
	}

	private static int positiveMillis(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, not " + duration);
		}
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}
}
