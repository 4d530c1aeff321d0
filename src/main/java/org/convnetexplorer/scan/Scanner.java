package org.convnetexplorer.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.ImageFolder;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.network.AlexNetLayer;
import org.convnetexplorer.network.BatchMaxima;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.ConvTrunk;

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

	private final ScanSettings settings;
	private final ScanPlan plan;
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
		final List<String[]> skipped;

		FilledBatch(int chunk, float[] buffer, ScannedImage[] images, int count, int chunkSize, List<String[]> skipped) {
			this.chunk = chunk;
			this.buffer = buffer;
			this.images = images;
			this.count = count;
			this.chunkSize = chunkSize;
			this.skipped = skipped;
		}
	}

	private Scanner(ScanSettings settings, ScanPlan plan) {
		this.settings = settings;
		this.plan = plan;
		chunks = plan.chunks().size();
		int buffers = settings.decoders + 1;
		free = new ArrayBlockingQueue<>(buffers);
		for (int i = 0; i < buffers; i++)
			free.add(new float[settings.batch * ConvTrunk.INPUT_FLOATS]);
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
	 * @throws IOException if the folder cannot be listed or holds no file
	 */
	public static Scanner start(ScanSettings settings) throws IOException {
		List<String> files = ImageFolder.list(settings.images, settings.recursive);
		if (files.isEmpty()) throw new IOException("no files in " + settings.images);
		return start(settings, ScanPlan.all(files, settings.batch));
	}

	/** Starts decoding the chunks of {@code plan} (made with {@code settings.batch}), files under settings' folder. */
	public static Scanner start(ScanSettings settings, ScanPlan plan) {
		return new Scanner(settings, plan);
	}

	/** One decoder thread: fills batches, chunk after chunk, until none is left or the scan stops. */
	private void decode() {
		try {
			Preprocessor preprocessor = new Preprocessor(); // keeps scratch buffers: one per thread
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
	public ScanResult scan(ConvTrunk trunk, ScanMonitor monitor) {
		return scan(trunk, monitor, emptyTables(settings), chunksDone -> {});
	}

	/** Empty top-k tables for the settings' layers. */
	public static Map<AlexNetLayer, UnitTopK> emptyTables(ScanSettings settings) {
		Map<AlexNetLayer, UnitTopK> topK = new EnumMap<>(AlexNetLayer.class);
		for (AlexNetLayer layer : settings.layers)
			topK.put(layer, new UnitTopK(layer, settings.top));
		return topK;
	}

	/**
	 * Like {@link #scan(ConvTrunk, ScanMonitor)}, but adds to {@code topK} (a resumed scan's tables) and tells
	 * {@code batchDone}, on this thread, how many chunks of the plan are in the tables after each batch: a checkpoint
	 * taken then is consistent. The result's counts are this scanner's.
	 */
	public ScanResult scan(ConvTrunk trunk, ScanMonitor monitor, Map<AlexNetLayer, UnitTopK> topK,
		IntConsumer batchDone)
	{
		if (stopping.get()) throw new IllegalStateException("this scanner has scanned or was closed");
		long start = System.nanoTime();
		int total = plan.fileCount();
		boolean takeTurns = trunk.device() == ComputeDevice.CPU && trunk.usesAllCores();
		int done = 0;
		int scanned = 0;
		long forwardNanos = 0;
		boolean cancelled = false;
		// batches finished ahead of their turn, so that they are taken in file order
		Map<Integer, FilledBatch> early = new HashMap<>();
		boolean firstForward = true;
		try {
			for (int received = 0; received < chunks; received++) {
				FilledBatch batch = early.remove(received);
				while (batch == null) {
					FilledBatch next = nextBatch();
					if (next.chunk == received) batch = next;
					else early.put(next.chunk, next);
				}
				for (String[] skip : batch.skipped)
					monitor.skipped(skip[0], skip[1]);
				if (batch.count > 0) {
					long forwardStart = System.nanoTime();
					boolean turn = takeTurns && !firstForward;
					firstForward = false;
					if (turn) turns.writeLock().lock();
					Map<AlexNetLayer, BatchMaxima> maxima;
					try {
						maxima = trunk.forward(batch.buffer, batch.count, settings.layers);
					}
					finally {
						if (turn) turns.writeLock().unlock();
					}
					forwardNanos += System.nanoTime() - forwardStart;
					for (AlexNetLayer layer : settings.layers)
						topK.get(layer).offer(maxima.get(layer), batch.images);
				}
				free.put(batch.buffer);
				done += batch.chunkSize;
				scanned += batch.count;
				batchDone.accept(received + 1);
				monitor.progress(done, total, done / ((System.nanoTime() - start) * 1e-9));
				if (done < total && monitor.cancelled()) {
					cancelled = true;
					break;
				}
			}
		}
		catch (InterruptedException e) {
			// An interrupted scan ends like a cancelled one: what was scanned is kept.
			Thread.currentThread().interrupt();
			cancelled = true;
		}
		finally {
			close();
		}
		return new ScanResult(topK, total, scanned, done - scanned, cancelled,
			(System.nanoTime() - start) * 1e-9, forwardNanos * 1e-9);
	}

	/** Stops the decoders and lets the batch buffers go. */
	@Override
	public void close() {
		stopping.set(true);
		decoders.shutdownNow();
		free.clear();
		ready.clear();
	}

	/** Waits for a batch, but gives up when a decoder thread died of something no single file explains. */
	private FilledBatch nextBatch() throws InterruptedException {
		while (true) {
			FilledBatch batch = ready.poll(200, TimeUnit.MILLISECONDS);
			if (batch != null) return batch;
			Throwable failure = decoderFailure.get();
			if (failure != null) throw new IllegalStateException("image decoding failed: " + failure, failure);
		}
	}

	/**
	 * Reads the file once before the decoder takes its turn, so that the decoding reads it from the operating
	 * system's cache: a slow disk or network file system then keeps this decoder waiting, not the network. Errors are
	 * left to the decoding, which reports them.
	 */
	private static void readAhead(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException e) {
			// reported when the file is decoded
		}
	}

	private FilledBatch fill(Preprocessor preprocessor, float[] buffer, int chunk, Lock decoding) {
		ScanPlan.Chunk part = plan.chunks().get(chunk);
		ScannedImage[] images = new ScannedImage[part.files.size()];
		List<String[]> skipped = new ArrayList<>();
		FloatBuffer destination = FloatBuffer.wrap(buffer);
		int count = 0;
		for (int i = 0; i < part.files.size() && !Thread.currentThread().isInterrupted(); i++) {
			int index = part.firstFile + i;
			String path = part.files.get(i);
			Path file = settings.images.resolve(path);
			readAhead(file);
			decoding.lock();
			try {
				RgbImage image = ImageDecoder.read(file);
				Placement placement = Placement.of(image.width(), image.height());
				preprocessor.write(image, placement, destination);
				images[count++] = new ScannedImage(index, path, placement);
			}
			catch (UnreadableImageException e) {
				skipped.add(new String[] { path, e.getMessage() });
			}
			catch (OutOfMemoryError e) {
				skipped.add(new String[] { path, "too large to decode in the memory Java was given (-Xmx)" });
			}
			catch (IOException | RuntimeException e) {
				skipped.add(new String[] { path, String.valueOf(e.getMessage() != null ? e.getMessage() : e) });
			}
			finally {
				decoding.unlock();
			}
		}
		return new FilledBatch(chunk, buffer, images, count, part.files.size(), skipped);
	}
}
