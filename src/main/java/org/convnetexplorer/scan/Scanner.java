package org.convnetexplorer.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.convnetexplorer.images.SkippedFile;
import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.ImageFolder;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.network.BatchMaxima;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Trunk;

/**
 * Streams a folder through the network. Decoder threads turn consecutive chunks of the sorted file list into batches
 * while the calling thread runs the network and updates the top-k: a bounded pool of batch buffers keeps memory flat
 * however many images there are, and a cancel takes effect after the batch in flight.
 * <p>
 * Decoding starts with {@link #start}, before the network exists: while TF loads and builds its graph (mostly on one
 * core) the decoders fill the first batches and warm up, instead of the network waiting for them afterwards.
 * <p>
 * Where the network computes on all cores of the CPU, decoding and the network take turns instead of competing for
 * the cores: TF splits each op over all cores, so a decoder thread that preempts one of TF's threads stalls the whole
 * op. Measured on 2 cores only (4,000 images): beside one decoder thread the forward passes ran at 0.73 of the bare
 * network's speed; taking turns with two decoders, at 0.95, and the scan took 8 % less time. The first forward pass
 * does not wait: TF prepares its kernels then, mostly on one core, and the decoders use the others.
 */
public final class Scanner implements AutoCloseable {

	/** The most read ahead of one file, 256 MiB: more than any photo; larger files are read by the decoder alone. */
	static final long READ_AHEAD_BYTES = 1L << 28;

	private final ScanSettings settings;
	private final ScanPlan plan;
	/** What the listing left out ({@code [path, reason]}), reported first. */
	private final List<SkippedFile> leftOut;
	private final int chunks;
	private final BlockingQueue<float[]> free;
	private final BlockingQueue<FilledBatch> ready;
	private final AtomicInteger nextChunk = new AtomicInteger();
	private final AtomicBoolean stopping = new AtomicBoolean();
	private final AtomicReference<Throwable> decoderFailure = new AtomicReference<>();
	// decoders hold the read lock for one image at a time, the network the write lock for a batch
	private final ReadWriteLock turns = new ReentrantReadWriteLock();
	private final ExecutorService decoders;

	/**
	 * A batch ready for the network: {@code count} images in the buffer, from a chunk of {@code chunkSize} files, and
	 * the files of the chunk that could not be used ({@code [path, reason]}), reported when the batch is taken so the
	 * report follows file order and stops where the scan stops.
	 */
	private static final class FilledBatch {
		final float[] buffer;
		final ScannedImage[] images;
		final int count;
		final int chunk;
		final int chunkSize;
		final List<SkippedFile> skipped;

		FilledBatch(int chunk, float[] buffer, ScannedImage[] images, int count, int chunkSize, List<SkippedFile> skipped) {
			this.chunk = chunk;
			this.buffer = buffer;
			this.images = images;
			this.count = count;
			this.chunkSize = chunkSize;
			this.skipped = skipped;
		}
	}

	private Scanner(ScanSettings settings, ScanPlan plan, List<SkippedFile> leftOut) {
		this.settings = settings;
		this.plan = plan;
		this.leftOut = leftOut;
		chunks = plan.chunks().size();
		int buffers = settings.decoders + 1;
		free = new ArrayBlockingQueue<>(buffers);
		for (int i = 0; i < buffers; i++)
			free.add(new float[settings.batch * settings.input.floats()]);
		ready = new ArrayBlockingQueue<>(buffers);
		decoders = Executors.newFixedThreadPool(settings.decoders, runnable -> {
			Thread thread = new Thread(runnable, "convnet-explorer-decoder");
			thread.setDaemon(true);
			return thread;
		});
		try {
			for (int i = 0; i < settings.decoders; i++)
				decoders.execute(this::decode);
		}
		catch (RuntimeException | Error e) {
			close(); // the decoders already started would otherwise wait for buffers forever
			throw e;
		}
	}

	/**
	 * Lists the folder and starts decoding its first batches; {@link #scan} then runs them through the network.
	 * {@link #close} stops the decoders, also when {@code scan} never ran.
	 *
	 * @throws IOException if the folder cannot be listed or holds nothing
	 */
	public static Scanner start(ScanSettings settings) throws IOException {
		ImageFolder.Listing listing = ImageFolder.listing(settings.images, settings.recursive);
		if (listing.files.isEmpty() && listing.leftOut.isEmpty()) throw new IOException("no files in " + settings.images);
		return new Scanner(settings, ScanPlan.all(listing.files, settings.batch), listing.leftOut);
	}

	/**
	 * Starts decoding the chunks of {@code plan} (made with {@code settings.batch}) from settings' folder; what its
	 * listing left out is the caller's to report.
	 */
	public static Scanner start(ScanSettings settings, ScanPlan plan) {
		return new Scanner(settings, plan, List.of());
	}

	/** One decoder thread: fills batches, chunk after chunk, until none is left or the scan stops. */
	private void decode() {
		try {
			Preprocessor preprocessor = new Preprocessor(settings.input); // keeps scratch buffers: one per thread
			while (!stopping.get()) {
				// the buffer before the chunk: the chunk the network waits for always has a buffer
				float[] buffer = free.take();
				int chunk = nextChunk.getAndIncrement();
				if (chunk >= chunks) break;
				ready.put(fill(preprocessor, buffer, chunk, turns.readLock()));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable e) {
			decoderFailure.set(e);
		}
	}

	/**
	 * Runs every batch through {@code trunk}, in file order, telling {@code monitor} of progress and skipped files;
	 * once per scanner.
	 */
	public ScanResult scan(Trunk trunk, ScanMonitor monitor) {
		return scan(trunk, monitor, emptyTables(settings), chunksDone -> {});
	}

	/** Empty top-k tables for the settings' layers. */
	public static Map<Layer, UnitTopK> emptyTables(ScanSettings settings) {
		Map<Layer, UnitTopK> topK = new LinkedHashMap<>();
		for (Layer layer : settings.layers)
			topK.put(layer, new UnitTopK(layer, settings.top));
		return topK;
	}

	/**
	 * Like {@link #scan(Trunk, ScanMonitor)}, but adds to {@code topK} (a resumed scan's tables) and tells
	 * {@code batchDone}, on this thread, how many chunks of the plan are in the tables after each batch: a checkpoint
	 * taken then is consistent. The result's counts are this scanner's.
	 */
	public ScanResult scan(Trunk trunk, ScanMonitor monitor, Map<Layer, UnitTopK> topK, IntConsumer batchDone) {
		if (stopping.get()) throw new IllegalStateException("this scanner has scanned or was closed");
		if (!trunk.layers().containsAll(settings.layers))
			throw new IllegalArgumentException("the trunk computes " + trunk.layers() + ", not " + settings.layers);
		Tally tally = new Tally(plan.fileCount());
		for (SkippedFile entry : leftOut)
			monitor.skipped(entry.path, entry.reason);
		boolean cancelled;
		try {
			cancelled = runBatches(trunk, monitor, topK, batchDone, tally);
		}
		catch (InterruptedException e) {
			// An interrupted scan ends like a cancelled one: what was scanned is kept.
			Thread.currentThread().interrupt();
			cancelled = true;
		}
		finally {
			close();
		}
		// what the listing left out counts as skipped, as skipped.csv lists it
		return new ScanResult(topK, tally.total + leftOut.size(), tally.scanned, tally.done - tally.scanned +
			leftOut.size(), cancelled, tally.seconds(), tally.forwardNanos * 1e-9);
	}

	/** The counts of a scan under way. */
	private static final class Tally {
		final long start = System.nanoTime();
		final int total;
		int done;
		int scanned;
		long forwardNanos;
		boolean firstForward = true;

		Tally(int total) {
			this.total = total;
		}

		double seconds() {
			return (System.nanoTime() - start) * 1e-9;
		}
	}

	/** Takes the batches in file order through the network; true where the scan stopped before the last. */
	private boolean runBatches(Trunk trunk, ScanMonitor monitor, Map<Layer, UnitTopK> topK, IntConsumer batchDone,
		Tally tally) throws InterruptedException
	{
		boolean takeTurns = trunk.device() == ComputeDevice.CPU && trunk.usesAllCores();
		// batches finished ahead of their turn, so that they are taken in file order
		Map<Integer, FilledBatch> early = new HashMap<>();
		for (int received = 0; received < chunks; received++) {
			FilledBatch batch = batchInTurn(received, early, monitor);
			if (batch == null) return true;
			for (SkippedFile skip : batch.skipped)
				monitor.skipped(skip.path, skip.reason);
			if (batch.count > 0) {
				boolean turn = takeTurns && !tally.firstForward;
				tally.firstForward = false;
				tally.forwardNanos += forward(trunk, batch, topK, turn);
			}
			free.put(batch.buffer);
			tally.done += batch.chunkSize;
			tally.scanned += batch.count;
			batchDone.accept(received + 1);
			monitor.progress(tally.done, tally.total, tally.done / tally.seconds());
			if (tally.done < tally.total && monitor.cancelled()) return true;
		}
		return false;
	}

	/** Chunk {@code chunk}'s batch, keeping those that come before their turn in {@code early}; null on a cancel. */
	private FilledBatch batchInTurn(int chunk, Map<Integer, FilledBatch> early, ScanMonitor monitor)
		throws InterruptedException
	{
		FilledBatch batch = early.remove(chunk);
		while (batch == null) {
			FilledBatch next = nextBatch(monitor);
			if (next == null) return null;
			if (next.chunk == chunk) batch = next;
			else early.put(next.chunk, next);
		}
		return batch;
	}

	/** Runs one batch and offers its maxima to the tables; returns the nanoseconds the network took. */
	private long forward(Trunk trunk, FilledBatch batch, Map<Layer, UnitTopK> topK, boolean turn) {
		long start = System.nanoTime();
		if (turn) turns.writeLock().lock();
		Map<Layer, BatchMaxima> maxima;
		try {
			maxima = trunk.forward(batch.buffer, batch.count);
		}
		finally {
			if (turn) turns.writeLock().unlock();
		}
		long nanos = System.nanoTime() - start;
		for (Layer layer : settings.layers)
			topK.get(layer).offer(maxima.get(layer), batch.images);
		return nanos;
	}

	/** Stops the decoders and lets the batch buffers go. */
	@Override
	public void close() {
		stopping.set(true);
		decoders.shutdownNow();
		free.clear();
		ready.clear();
	}

	/**
	 * Waits for a batch, but gives up when a decoder thread died of something no single file explains, and returns
	 * null on a cancel: a file that keeps its decoder busy (one no check foresaw) cannot hold a stop back.
	 */
	private FilledBatch nextBatch(ScanMonitor monitor) throws InterruptedException {
		while (true) {
			FilledBatch batch = ready.poll(200, TimeUnit.MILLISECONDS);
			if (batch != null) return batch;
			if (monitor.cancelled()) return null;
			Throwable failure = decoderFailure.get();
			if (failure != null) throw new IllegalStateException("image decoding failed: " + failure, failure);
		}
	}

	/**
	 * Reads an image file once before the decoder takes its turn, so that the decoding reads it from the operating
	 * system's cache: a slow disk or network file system then keeps this decoder waiting, not the network. Only the
	 * first {@value #READ_AHEAD_BYTES} bytes: an image file's header may claim a size the rest of the file does not
	 * hold. Errors are left to the decoding, which reports them.
	 */
	private static void readAhead(Path file) {
		try (InputStream in = RegularFile.open(file, Long.MAX_VALUE)) {
			byte[] buffer = new byte[1 << 16];
			for (long read = 0; read < READ_AHEAD_BYTES;) {
				int count = in.read(buffer);
				if (count < 0) break;
				read += count;
			}
		}
		catch (IOException e) {
			// reported when the file is decoded
		}
	}

	private FilledBatch fill(Preprocessor preprocessor, float[] buffer, int chunk, Lock decoding) {
		ScanPlan.Chunk part = plan.chunks().get(chunk);
		ScannedImage[] images = new ScannedImage[part.files.size()];
		List<SkippedFile> skipped = new ArrayList<>();
		FloatBuffer destination = FloatBuffer.wrap(buffer);
		int count = 0;
		for (int i = 0; i < part.files.size() && !Thread.currentThread().isInterrupted(); i++) {
			String path = part.files.get(i);
			try {
				images[count] = decode(preprocessor, part.firstFile + i, path, destination, decoding);
				count++;
			}
			catch (UnreadableImageException e) {
				skipped.add(new SkippedFile(path, e.getMessage()));
			}
		}
		return new FilledBatch(chunk, buffer, images, count, part.files.size(), skipped);
	}

	/** Decodes one file into the batch at {@code destination}'s position, in the decoders' turn. */
	private ScannedImage decode(Preprocessor preprocessor, int index, String path, FloatBuffer destination,
		Lock decoding) throws UnreadableImageException
	{
		Path file = settings.images.resolve(path);
		// A file that is not an image costs one small read, outside the decoders' turn.
		ImageDecoder.Format format = ImageDecoder.identify(file);
		readAhead(file);
		decoding.lock();
		try {
			RgbImage image = ImageDecoder.read(file, format);
			Placement placement = settings.input.place(image.width(), image.height());
			preprocessor.write(image, placement, destination);
			return new ScannedImage(index, path, placement);
		}
		catch (RuntimeException e) { // placing or normalising an image the decoder accepted
			throw new UnreadableImageException(String.valueOf(e.getMessage() != null ? e.getMessage() : e), e);
		}
		finally {
			decoding.unlock();
		}
	}
}
