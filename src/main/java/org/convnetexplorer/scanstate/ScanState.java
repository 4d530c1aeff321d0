package org.convnetexplorer.scanstate;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import org.convnetexplorer.images.SkippedFile;
import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.scan.ScanPlan;
import org.convnetexplorer.scan.ScanSettings;
import org.convnetexplorer.scan.Scanner;
import org.convnetexplorer.scan.ScannedImage;
import org.convnetexplorer.scan.TopEntry;
import org.convnetexplorer.scan.UnitTopK;

/**
 * A scan as far as it went: its identity, which shard it scans, which chunks of the listing are in its top-k tables,
 * how many images it scanned, the files it skipped and the tables themselves. Written to {@value #FILE_NAME} in the
 * output folder as a checkpoint while a scan runs, and as a shard's result for {@code merge}. Layers are written by
 * name, images by their index in the listing and their path; the tables restore exactly (the ranking is a total
 * order), so a resumed or merged scan ends with the tables of a single one. The file starts with a magic and a
 * version and ends with a CRC-32C of all before it; all three are checked before anything else is read, so a state
 * changed or damaged since it was written is refused, never taken for another scan's tables.
 */
public final class ScanState {

	public static final String FILE_NAME = "scan-state.bin";

	private static final byte[] MAGIC = { 'C', 'N', 'X', 'S', 'T', 'A', 'T', 'E' };
	/** 2: a CRC-32C of all before it ends the file. */
	private static final int VERSION = 2;
	/** The largest state read: far more than the tables of any network we scan. */
	private static final int MAX_BYTES = 1 << 30;

	public final ScanIdentity identity;
	public final ShardSpec shard;
	/** Chunks of the listing whose images are in the tables (and in {@link #skipped}). */
	private final BitSet covered;
	public final int scanned;
	/** [path, reason] of every file of the covered chunks that could not be used, in listing order. */
	public final List<SkippedFile> skipped;
	/**
	 * [path, reason] of what the folder's listing left out (unreadable folders, names Java cannot hold): reported
	 * before any chunk, once per scan (a shard run: the first shard only).
	 */
	public final List<SkippedFile> leftOut;
	public final Map<Layer, UnitTopK> topK;

	public ScanState(ScanIdentity identity, ShardSpec shard, BitSet covered, int scanned, List<SkippedFile> leftOut,
		List<SkippedFile> skipped, Map<Layer, UnitTopK> topK)
	{
		this.identity = identity;
		this.shard = shard;
		this.covered = (BitSet) covered.clone();
		this.scanned = scanned;
		this.skipped = Collections.unmodifiableList(new ArrayList<>(skipped));
		this.leftOut = Collections.unmodifiableList(new ArrayList<>(leftOut));
		this.topK = topK;
	}

	/** A scan not started: no chunk covered, empty tables. */
	public static ScanState empty(ScanIdentity identity, ShardSpec shard, ScanSettings settings) {
		return new ScanState(identity, shard, new BitSet(), 0, List.of(), List.of(), Scanner.emptyTables(settings));
	}

	/** Chunks in the whole listing. */
	public int chunkCount() {
		return ScanPlan.chunkCount(identity.files(), identity.batch());
	}

	public BitSet covered() {
		return (BitSet) covered.clone();
	}

	/** The shard's chunks, in scan order. */
	public BitSet shardChunks() {
		BitSet chunks = new BitSet();
		for (int chunk = shard.index - 1; chunk < chunkCount(); chunk += shard.count)
			chunks.set(chunk);
		return chunks;
	}

	/** Whether every chunk of the shard is scanned. */
	public boolean shardDone() {
		BitSet left = shardChunks();
		left.andNot(covered);
		return left.isEmpty();
	}

	/** Files in the covered chunks. */
	public int filesCovered() {
		return filesIn(covered);
	}

	/** Files in the given chunks of the listing. */
	public int filesIn(BitSet chunks) {
		int files = 0;
		for (int chunk = chunks.nextSetBit(0); chunk >= 0; chunk = chunks.nextSetBit(chunk + 1))
			files += Math.min(identity.batch(), identity.files() - chunk * identity.batch());
		return files;
	}

	/**
	 * Writes the state to {@code file} and forces it to disk, so that a renamed checkpoint survives the node failing
	 * (a {@link StateStore} renames it).
	 */
	public void write(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING))
		{
			OutputStream out = Channels.newOutputStream(channel);
			writeTo(out);
			out.flush();
			channel.force(true);
		}
	}

	public byte[] toBytes() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			writeTo(bytes);
		}
		catch (IOException e) {
			throw new IllegalStateException("writing to memory failed", e);
		}
		return bytes.toByteArray();
	}

	private void writeTo(OutputStream stream) throws IOException {
		CheckedOutputStream checked = new CheckedOutputStream(stream, new CRC32C());
		DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
		out.write(MAGIC);
		out.writeInt(VERSION);
		identity.write(out);
		out.writeInt(shard.index);
		out.writeInt(shard.count);
		long[] words = covered.toLongArray();
		out.writeInt(words.length);
		for (long word : words)
			out.writeLong(word);
		out.writeInt(scanned);
		writeSkips(out, leftOut);
		writeSkips(out, skipped);
		out.writeInt(topK.size());
		for (UnitTopK table : topK.values())
			writeTable(out, table);
		out.flush();
		new DataOutputStream(stream).writeInt((int) checked.getChecksum().getValue());
		stream.flush();
	}

	private static void writeTable(DataOutputStream out, UnitTopK table) throws IOException {
		StateFile.writeString(out, table.layer.name());
		out.writeInt(table.layer.units());
		out.writeInt(table.layer.height());
		out.writeInt(table.layer.width());
		out.writeInt(table.k);
		for (int unit = 0; unit < table.layer.units(); unit++) {
			out.writeInt(table.count(unit));
			for (int rank = 0; rank < table.count(unit); rank++) {
				TopEntry entry = table.entry(unit, rank);
				out.writeInt(entry.image.index);
				StateFile.writeString(out, entry.image.path);
				out.writeInt(entry.image.placement.originalWidth());
				out.writeInt(entry.image.placement.originalHeight());
				out.writeFloat(entry.activation);
				out.writeInt(entry.fy);
				out.writeInt(entry.fx);
			}
		}
	}

	/**
	 * Reads a state file of a scan of {@code network} (which resolves its layer names and places its images), after
	 * checking its version and its checksum.
	 *
	 * @throws NoSuchFileException if there is none
	 * @throws IOException naming the file and what is wrong with it
	 */
	public static ScanState read(Path file, Network network) throws IOException {
		byte[] bytes;
		try {
			bytes = RegularFile.readAll(file, MAX_BYTES);
		}
		catch (NoSuchFileException e) {
			throw e;
		}
		catch (IOException e) {
			throw new IOException("cannot read " + file + " (" + FileProblems.reason(e) + ")", e);
		}
		try {
			return fromVerified(bytes, network);
		}
		catch (IOException | IllegalArgumentException e) {
			throw new IOException(file + " is not a scan state ConvNet Explorer can read: " + e.getMessage(), e);
		}
	}

	public static ScanState fromBytes(byte[] bytes, Network network) {
		try {
			return fromVerified(bytes, network);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("not a scan state: " + e.getMessage(), e);
		}
	}

	/** Checks the magic, the version and the checksum, then reads what they cover, to its last byte. */
	private static ScanState fromVerified(byte[] bytes, Network network) throws IOException {
		int contentEnd = bytes.length - Integer.BYTES;
		if (contentEnd < MAGIC.length + Integer.BYTES) throw new IOException("it ends too early");
		if (!Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) throw new IOException("it does not start as one");
		int version = ByteBuffer.wrap(bytes, MAGIC.length, Integer.BYTES).getInt();
		if (version != VERSION)
			throw new IOException("it is version " + version + ", this ConvNet Explorer reads version " + VERSION);
		CRC32C checksum = new CRC32C();
		checksum.update(bytes, 0, contentEnd);
		if ((int) checksum.getValue() != ByteBuffer.wrap(bytes, contentEnd, Integer.BYTES).getInt()) throw new IOException(
			"its checksum does not match its content (changed or damaged since it was written)");
		int start = MAGIC.length + Integer.BYTES;
		ByteArrayInputStream content = new ByteArrayInputStream(bytes, start, contentEnd - start);
		try {
			ScanState state = readFrom(new DataInputStream(content), network);
			if (content.available() > 0) throw new IOException(content.available() + " bytes follow its tables");
			return state;
		}
		catch (EOFException e) {
			throw new IOException("it ends too early", e);
		}
	}

	private static ScanState readFrom(DataInputStream in, Network network) throws IOException {
		ScanIdentity identity = ScanIdentity.read(in);
		if (!identity.network().equals(network.name()))
			throw new IOException("it is a scan of " + identity.network() + ", not of " + network.name());
		int top = readTop(identity);
		int files = identity.files();
		ShardSpec shard = new ShardSpec(in.readInt(), in.readInt());
		int chunks = ScanPlan.chunkCount(files, identity.batch());
		long[] words = new long[StateFile.readCount(in, chunks / 64 + 1, "words of covered chunks")];
		for (int i = 0; i < words.length; i++)
			words[i] = in.readLong();
		BitSet covered = BitSet.valueOf(words);
		if (covered.length() > chunks) throw new IOException("it covers chunk " + (covered.length() - 1) + " of " + chunks);
		int scanned = StateFile.readCount(in, files, "scanned images");
		List<SkippedFile> leftOut = readSkips(in, "files the listing left out");
		List<SkippedFile> skipped = readSkips(in, "skipped files");
		int layers = StateFile.readCount(in, network.layers().size(), "layers");
		Map<Layer, UnitTopK> topK = new LinkedHashMap<>();
		for (int l = 0; l < layers; l++) {
			UnitTopK table = readTable(in, network, files, top);
			topK.put(table.layer, table);
		}
		List<String> layerNames = topK.keySet().stream().map(Layer::name).collect(Collectors.toList());
		if (!layerNames.equals(identity.layers()))
			throw new IOException("it holds tables of " + String.join(",", layerNames) + " but its identity says " +
				String.join(",", identity.layers()));
		return new ScanState(identity, shard, covered, scanned, leftOut, skipped, topK);
	}

	/** The identity's top k, once its files and batch are known valid. */
	private static int readTop(ScanIdentity identity) throws IOException {
		try {
			int top = identity.top();
			if (identity.batch() < 1 || top < 1 || identity.files() < 0) throw new NumberFormatException();
			return top;
		}
		catch (NumberFormatException e) {
			throw new IOException("its identity has no valid files, batch or top");
		}
	}

	private static UnitTopK readTable(DataInputStream in, Network network, int files, int top) throws IOException {
		Layer layer = network.layer(StateFile.readString(in));
		int units = in.readInt();
		int height = in.readInt();
		int width = in.readInt();
		int k = in.readInt();
		if (units != layer.units() || height != layer.height() || width != layer.width() || k != top)
			throw new IOException(layer.name() + " has " + units + " units of " + height + "×" + width + " and k = " + k +
				", expected " + layer.units() + " of " + layer.height() + "×" + layer.width() + " and " + top);
		UnitTopK table = new UnitTopK(layer, k);
		for (int unit = 0; unit < units; unit++) {
			int count = StateFile.readCount(in, k, "entries of " + layer.name() + " unit " + unit);
			for (int rank = 1; rank <= count; rank++) {
				int index = StateFile.readCount(in, files - 1, "as an image index");
				String path = StateFile.readString(in);
				Placement placement = network.input().place(in.readInt(), in.readInt());
				float activation = in.readFloat();
				int fy = StateFile.readCount(in, layer.height() - 1, "as a feature-map row");
				int fx = StateFile.readCount(in, layer.width() - 1, "as a feature-map column");
				table.offer(new TopEntry(layer, unit, rank, new ScannedImage(index, path, placement), activation, fy, fx));
			}
		}
		return table;
	}

	/** What skipped.csv lists: what the listing left out, then the files skipped, in listing order. */
	public List<SkippedFile> allSkipped() {
		List<SkippedFile> all = new ArrayList<>(leftOut);
		all.addAll(skipped);
		return all;
	}

	private static void writeSkips(DataOutputStream out, List<SkippedFile> skips) throws IOException {
		out.writeInt(skips.size());
		for (SkippedFile skip : skips) {
			StateFile.writeString(out, skip.path);
			StateFile.writeString(out, skip.reason);
		}
	}

	private static List<SkippedFile> readSkips(DataInputStream in, String what) throws IOException {
		int count = StateFile.readCount(in, 1 << 24, what);
		List<SkippedFile> skips = new ArrayList<>();
		for (int i = 0; i < count; i++)
			skips.add(new SkippedFile(StateFile.readString(in), StateFile.readString(in)));
		return skips;
	}
}
