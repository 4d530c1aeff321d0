package org.convnetexplorer.onnx.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.files.UnreadableFileException;
import org.convnetexplorer.onnx.graph.ProtoReader.FloatList;
import org.convnetexplorer.onnx.graph.ProtoReader.LongList;
import org.convnetexplorer.results.FileProblems;

/**
 * Reads onnx.proto's TensorProto, its data in the message or in an external data file inside the model's folder (its
 * real path, links resolved), every length checked against its dims before anything is allocated. One reader serves
 * one model: it counts the external bytes read for all its tensors.
 */
final class TensorReader {

	/** TensorProto's field numbers. */
	private static final int DIMS = 1;
	private static final int DATA_TYPE = 2;
	private static final int SEGMENT = 3;
	private static final int FLOAT_DATA = 4;
	private static final int INT32_DATA = 5;
	private static final int STRING_DATA = 6;
	private static final int INT64_DATA = 7;
	private static final int NAME = 8;
	private static final int RAW_DATA = 9;
	private static final int DOUBLE_DATA = 10;
	private static final int EXTERNAL_DATA = 13;
	private static final int DATA_LOCATION = 14;
	/** StringStringEntryProto's field numbers. */
	private static final int KEY = 1;
	private static final int VALUE = 2;
	/** data_location's value for external data. */
	private static final long EXTERNAL = 1;

	private final Path file;
	private final Path folder;
	/**
	 * External data: the sizes of the data files read (by real path) and the bytes read from them for all tensors. A
	 * model reads no more than its data files hold, nor more than {@value OnnxReader#MAX_FILE_BYTES} bytes in all (what
	 * a model file can hold itself): many tensors pointing at one range would otherwise allocate it again and again.
	 */
	private final Map<Path, Long> externalFileSizes = new HashMap<>();
	private long externalBytesRead;

	TensorReader(Path file) {
		this.file = file;
		Path parent = file.toAbsolutePath().getParent();
		this.folder = parent == null ? file.toAbsolutePath().getRoot() : parent;
	}

	/** A TensorProto's fields as read, before they are checked against each other. */
	private static final class Fields {
		final LongList dims = new LongList();
		int dataType;
		String name = "";
		final FloatList floatData = new FloatList();
		final FloatList doubleData = new FloatList();
		final LongList intData = new LongList();
		ByteBuffer raw;
		final Map<String, String> external = new HashMap<>();
		boolean externalLocation;
		boolean strings;
	}

	OnnxTensor tensor(ProtoReader in) throws OnnxFormatException {
		Fields t = new Fields();
		while (in.next())
			readField(in, t);
		long[] shape = t.dims.toArray();
		String what = "tensor '" + t.name + "'";
		int count = OnnxTensor.elementCount(shape);
		if (count < 0) throw new OnnxFormatException(file, what + " has bad or too large dims " + Arrays.toString(shape));
		int width = elementBytes(t.dataType);
		if (width == 0 || t.strings)
			return new OnnxTensor(t.name, t.dataType, shape, null, null); // e.g. strings: usable by no supported operator
		if (t.externalLocation)
			return decode(t.name, t.dataType, shape, externalData(what, t.external, (long) count * width), count);
		if (t.raw != null) {
			if (t.raw.remaining() != (long) count * width) throw new OnnxFormatException(file, what + " holds " +
				t.raw.remaining() + " bytes of data, its dims declare " + (long) count * width);
			return decode(t.name, t.dataType, shape, t.raw, count);
		}
		return fromValues(t, shape, count, what);
	}

	private void readField(ProtoReader in, Fields t) throws OnnxFormatException {
		switch (in.field()) {
		case DIMS:
			in.readVarints(t.dims);
			break;
		case DATA_TYPE:
			t.dataType = (int) OnnxReader.expect(in, ProtoReader.VARINT).readVarint();
			break;
		case FLOAT_DATA:
			in.readFloats(t.floatData);
			break;
		case INT32_DATA:
		case INT64_DATA:
			in.readVarints(t.intData);
			break;
		case STRING_DATA:
			t.strings = true;
			in.skip();
			break;
		case NAME:
			t.name = OnnxReader.expect(in, ProtoReader.LENGTH_DELIMITED).readString();
			break;
		case RAW_DATA:
			t.raw = in.window(OnnxReader.expect(in, ProtoReader.LENGTH_DELIMITED).readWindow());
			break;
		case DOUBLE_DATA:
			in.readDoubles(t.doubleData);
			break;
		case EXTERNAL_DATA:
			readEntry(OnnxReader.expect(in, ProtoReader.LENGTH_DELIMITED).readMessage(), t.external);
			break;
		case DATA_LOCATION:
			t.externalLocation = OnnxReader.expect(in, ProtoReader.VARINT).readVarint() == EXTERNAL;
			break;
		case SEGMENT:
			throw new OnnxFormatException(file, "tensor '" + t.name + "' is split into segments (not supported)");
		default:
			in.skip();
		}
	}

	private static void readEntry(ProtoReader entry, Map<String, String> into) {
		String key = "";
		String value = "";
		while (entry.next()) {
			if (entry.field() == KEY) key = OnnxReader.expect(entry, ProtoReader.LENGTH_DELIMITED).readString();
			else if (entry.field() == VALUE) value = OnnxReader.expect(entry, ProtoReader.LENGTH_DELIMITED).readString();
			else entry.skip();
		}
		into.put(key, value);
	}

	/** A tensor whose values are in float_data, double_data, int32_data or int64_data. */
	private OnnxTensor fromValues(Fields t, long[] shape, int count, String what) throws OnnxFormatException {
		if (t.dataType == OnnxTensor.FLOAT || t.dataType == OnnxTensor.DOUBLE) {
			FloatList values = t.dataType == OnnxTensor.FLOAT ? t.floatData : t.doubleData;
			if (values.size() != count)
				throw new OnnxFormatException(file, what + " holds " + values.size() + " values, its dims declare " + count);
			return new OnnxTensor(t.name, t.dataType, shape, values.toArray(), null);
		}
		long[] ints = t.intData.toArray();
		if (ints.length != count)
			throw new OnnxFormatException(file, what + " holds " + ints.length + " values, its dims declare " + count);
		if (t.dataType == OnnxTensor.FLOAT16) {
			float[] converted = new float[count];
			for (int k = 0; k < count; k++)
				converted[k] = halfToFloat((int) ints[k]);
			return new OnnxTensor(t.name, t.dataType, shape, converted, null);
		}
		return new OnnxTensor(t.name, t.dataType, shape, null, ints);
	}

	/** Bytes per element of the types decoded here; 0 for the others. */
	private static int elementBytes(int dataType) {
		switch (dataType) {
		case OnnxTensor.FLOAT:
		case OnnxTensor.INT32:
			return 4;
		case OnnxTensor.INT64:
		case OnnxTensor.DOUBLE:
			return 8;
		case OnnxTensor.FLOAT16:
			return 2;
		case OnnxTensor.UINT8:
		case OnnxTensor.INT8:
		case OnnxTensor.BOOL:
			return 1;
		default:
			return 0;
		}
	}

	private static OnnxTensor decode(String name, int dataType, long[] shape, ByteBuffer data, int count) {
		data.order(ByteOrder.LITTLE_ENDIAN);
		switch (dataType) {
		case OnnxTensor.FLOAT: {
			float[] v = new float[count];
			data.asFloatBuffer().get(v);
			return new OnnxTensor(name, dataType, shape, v, null);
		}
		case OnnxTensor.DOUBLE: {
			float[] v = new float[count];
			for (int k = 0; k < count; k++)
				v[k] = (float) data.getDouble(8 * k);
			return new OnnxTensor(name, dataType, shape, v, null);
		}
		case OnnxTensor.FLOAT16: {
			float[] v = new float[count];
			for (int k = 0; k < count; k++)
				v[k] = halfToFloat(data.getShort(2 * k) & 0xffff);
			return new OnnxTensor(name, dataType, shape, v, null);
		}
		default: {
			long[] v = new long[count];
			for (int k = 0; k < count; k++)
				v[k] = dataType == OnnxTensor.INT64 ? data.getLong(8 * k)
					: dataType == OnnxTensor.INT32 ? data.getInt(4 * k)
					: dataType == OnnxTensor.UINT8 ? data.get(k) & 0xff : data.get(k);
			return new OnnxTensor(name, dataType, shape, null, v);
		}
		}
	}

	/** IEEE half to float. */
	static float halfToFloat(int h) {
		int sign = (h & 0x8000) << 16;
		int exponent = (h >>> 10) & 0x1f;
		int mantissa = h & 0x3ff;
		if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
		if (exponent == 0) {
			float v = mantissa * 0x1p-24f;
			return sign == 0 ? v : -v;
		}
		return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
	}

	/** Reads an external-data tensor's bytes from a file inside the model's folder, after checking offset and length. */
	private ByteBuffer externalData(String what, Map<String, String> entries, long expected) throws OnnxFormatException {
		String location = entries.get("location");
		if (location == null || location.isEmpty())
			throw new OnnxFormatException(file, what + " is external but names no location");
		Path dataFile = externalFile(what, location);
		long offset = parseLong(what, entries.getOrDefault("offset", "0"));
		try (FileChannel channel = RegularFile.channel(dataFile, Long.MAX_VALUE)) {
			long size = channel.size();
			if (offset < 0 || offset > size) throw new OnnxFormatException(file, what + ": external data offset " +
				offset + (offset < 0 ? " is negative" : " lies past the end of '" + location + "' (" + size + " bytes)"));
			long length = entries.containsKey("length") ? parseLong(what, entries.get("length")) : size - offset;
			if (length < 0 || length > size - offset) throw new OnnxFormatException(file, what + ": external data of " +
				length + " bytes at offset " + offset + " lies outside '" + location + "' (" + size + " bytes)");
			if (length != expected)
				throw new OnnxFormatException(file, what + " has " + length + " bytes of external data, its dims declare "
					+ expected);
			return readWithinBudget(what, channel, dataFile, offset, length, location);
		}
		catch (OnnxFormatException e) {
			throw e;
		}
		catch (IOException e) {
			throw new OnnxFormatException(file, what + ": cannot read external data '" + location + "': " +
				FileProblems.reason(e));
		}
	}

	/** The data file a location names, once it is known to be a regular file in the model's folder. */
	private Path externalFile(String what, String location) throws OnnxFormatException {
		try {
			Path relative = folder.getFileSystem().getPath(location);
			if (relative.isAbsolute()) throw new OnnxFormatException(file, what + ": external data path '" + location +
				"' is absolute; only files in the model's folder are read");
			Path dataFile = folder.resolve(relative).normalize();
			if (!dataFile.startsWith(folder.normalize())) throw new OnnxFormatException(file, what +
				": external data path '" + location + "' leads outside the model's folder");
			RegularFile.size(dataFile, Long.MAX_VALUE);
			if (!dataFile.toRealPath().startsWith(folder.toRealPath())) throw new OnnxFormatException(file, what +
				": external data path '" + location + "' links outside the model's folder");
			return dataFile;
		}
		catch (InvalidPathException e) {
			throw new OnnxFormatException(file, what + ": bad external data path '" + location + "'");
		}
		catch (NoSuchFileException e) {
			throw new OnnxFormatException(file, what + ": external data file '" + location + "' not found");
		}
		catch (UnreadableFileException e) {
			throw new OnnxFormatException(file, what + ": external data file '" + location + "' is " + e.getReason());
		}
		catch (IOException e) {
			throw new OnnxFormatException(file, what + ": cannot resolve external data '" + location + "': " +
				FileProblems.reason(e));
		}
	}

	private ByteBuffer readWithinBudget(String what, FileChannel channel, Path dataFile, long offset, long length,
		String location) throws IOException
	{
		externalFileSizes.putIfAbsent(dataFile.toRealPath(), channel.size());
		long budget = Math.min(OnnxReader.MAX_FILE_BYTES,
			externalFileSizes.values().stream().mapToLong(Long::longValue).sum());
		if (length > budget - externalBytesRead)
			throw new OnnxFormatException(file, what + ": its " + length + " bytes of external data would make " +
				(externalBytesRead + length) + " in all, more than " + (budget == OnnxReader.MAX_FILE_BYTES ? "the " +
					budget + " bytes read at most" : "its data files hold (" + budget + " bytes)"));
		externalBytesRead += length; // at most MAX_FILE_BYTES: an int
		ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(length)); // within the budget: an int
		while (data.hasRemaining())
			if (channel.read(data, offset + data.position()) < 0)
				throw new OnnxFormatException(file, what + ": external data file '" + location + "' ends early");
		data.flip();
		return data;
	}

	private long parseLong(String what, String text) throws OnnxFormatException {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException e) {
			throw new OnnxFormatException(file, what + ": bad external data number '" + text + "'");
		}
	}
}
