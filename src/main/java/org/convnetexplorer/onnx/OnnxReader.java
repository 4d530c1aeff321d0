package org.convnetexplorer.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convnetexplorer.onnx.ProtoReader.FloatList;
import org.convnetexplorer.onnx.ProtoReader.LongList;
import org.convnetexplorer.onnx.ProtoReader.MalformedException;

/**
 * Reads an ONNX file (protobuf, onnx.proto's ModelProto) with {@link ProtoReader}: only the fields a convolutional
 * network needs are decoded, the others skipped by their length. Limits, all checked before use:
 * <ul>
 * <li>the file is read whole, up to protobuf's 2 GB; every declared length and element count is checked against the
 * bytes that remain (or, for external data, against the data file's size) before anything is allocated for it;</li>
 * <li>external data is read only from a file inside the model's folder (its real path, links resolved);</li>
 * <li>the graph must be acyclic, each tensor written once, each read tensor defined;</li>
 * <li>the schema read is fixed (model, graph, node, attribute, tensor, value info, type, shape), so nesting is bounded;
 * subgraphs (If, Loop) are not read.</li>
 * </ul>
 */
final class OnnxReader {

	private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

	private final Path file;
	private final Path folder;
	/**
	 * External data: the sizes of the data files read (by real path) and the bytes read from them for all tensors. A
	 * model reads no more than its data files hold, nor more than {@value #MAX_FILE_BYTES} bytes in all (what a model
	 * file can hold itself): many tensors pointing at one range would otherwise allocate it again and again.
	 */
	private final Map<Path, Long> externalFileSizes = new HashMap<>();
	private long externalBytesRead;

	private OnnxReader(Path file) {
		this.file = file;
		Path parent = file.toAbsolutePath().getParent();
		this.folder = parent == null ? file.toAbsolutePath().getRoot() : parent;
	}

	static OnnxGraph read(Path file) throws OnnxFormatException {
		byte[] bytes;
		try {
			long size = Files.size(file);
			if (size > MAX_FILE_BYTES)
				throw new OnnxFormatException(file, "file of " + size + " bytes is larger than protobuf's 2 GB limit");
			if (size == 0) throw new OnnxFormatException(file, "empty file");
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			throw new OnnxFormatException(file, "no such file");
		}
		catch (OnnxFormatException e) {
			throw e;
		}
		catch (IOException e) {
			throw new OnnxFormatException(file, "cannot read: " + e.getMessage(), e);
		}
		OnnxReader reader = new OnnxReader(file);
		try {
			return reader.model(new ProtoReader(bytes, 0, bytes.length));
		}
		catch (MalformedException e) {
			throw new OnnxFormatException(file, "not a valid ONNX file: " + e.getMessage());
		}
	}

	private OnnxGraph model(ProtoReader in) throws OnnxFormatException {
		long irVersion = -1;
		long opset = -1;
		String producer = "";
		String producerVersion = "";
		ProtoReader graph = null;
		while (in.next()) {
			switch (in.field()) {
			case 1:
				irVersion = expect(in, ProtoReader.VARINT).readVarint();
				break;
			case 2:
				producer = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case 3:
				producerVersion = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case 7:
				if (graph != null) throw new MalformedException("two graphs");
				graph = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
				break;
			case 8: {
				ProtoReader set = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
				String domain = "";
				long version = -1;
				while (set.next()) {
					if (set.field() == 1) domain = expect(set, ProtoReader.LENGTH_DELIMITED).readString();
					else if (set.field() == 2) version = expect(set, ProtoReader.VARINT).readVarint();
					else set.skip();
				}
				if (domain.isEmpty() || domain.equals("ai.onnx")) opset = version;
				break;
			}
			default:
				in.skip();
			}
		}
		if (irVersion < 0 || graph == null)
			throw new OnnxFormatException(file, "not an ONNX model (no IR version or no graph)");
		if (opset < 0) throw new OnnxFormatException(file, "the model imports no version of ONNX's operator set");
		return graph(graph, irVersion, opset, (producer + " " + producerVersion).trim());
	}

	private OnnxGraph graph(ProtoReader in, long irVersion, long opset, String producer) throws OnnxFormatException {
		List<OnnxNode> nodes = new ArrayList<>();
		Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
		List<OnnxValueInfo> inputs = new ArrayList<>();
		List<OnnxValueInfo> outputs = new ArrayList<>();
		while (in.next()) {
			switch (in.field()) {
			case 1:
				nodes.add(node(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage()));
				break;
			case 5: {
				OnnxTensor tensor = tensor(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage());
				if (initializers.put(tensor.name(), tensor) != null)
					throw new OnnxFormatException(file, "initializer '" + tensor.name() + "' given twice");
				break;
			}
			case 11:
				inputs.add(valueInfo(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage()));
				break;
			case 12:
				outputs.add(valueInfo(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage()));
				break;
			case 15:
				throw new OnnxFormatException(file, "sparse initializers are not supported");
			default:
				in.skip();
			}
		}
		inputs.removeIf(input -> initializers.containsKey(input.name()));
		List<OnnxNode> sorted = topologicalOrder(nodes, initializers.keySet(), inputs);
		for (OnnxValueInfo output : outputs)
			if (!initializers.containsKey(output.name()) && !isInput(inputs, output.name())
				&& sorted.stream().noneMatch(n -> n.outputs().contains(output.name())))
				throw new OnnxFormatException(file, "graph output '" + output.name() + "' is written by no node");
		return new OnnxGraph(file, irVersion, opset, producer, sorted, initializers, inputs, outputs);
	}

	private static boolean isInput(List<OnnxValueInfo> inputs, String name) {
		return inputs.stream().anyMatch(i -> i.name().equals(name));
	}

	/** Kahn's algorithm: the nodes in dependency order, or a refusal naming a node on a cycle or an undefined tensor. */
	private List<OnnxNode> topologicalOrder(List<OnnxNode> nodes, Set<String> initializers, List<OnnxValueInfo> inputs)
		throws OnnxFormatException
	{
		Map<String, Integer> writer = new HashMap<>();
		for (int i = 0; i < nodes.size(); i++)
			for (String output : nodes.get(i).outputs()) {
				if (output.isEmpty()) continue;
				if (writer.put(output, i) != null || initializers.contains(output) || isInput(inputs, output))
					throw new OnnxFormatException(file, "tensor '" + output + "' is written twice");
			}
		int[] pending = new int[nodes.size()];
		List<List<Integer>> readers = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++)
			readers.add(new ArrayList<>());
		for (int i = 0; i < nodes.size(); i++) {
			Set<Integer> waitsFor = new HashSet<>();
			for (String input : nodes.get(i).inputs()) {
				if (input.isEmpty() || initializers.contains(input) || isInput(inputs, input)) continue;
				Integer w = writer.get(input);
				if (w == null)
					throw new OnnxFormatException(file, nodes.get(i).describe() + " reads '" + input
						+ "', which no node, input or initializer defines");
				if (waitsFor.add(w)) {
					pending[i]++;
					readers.get(w).add(i);
				}
			}
		}
		Deque<Integer> ready = new ArrayDeque<>();
		for (int i = 0; i < nodes.size(); i++)
			if (pending[i] == 0) ready.add(i);
		List<OnnxNode> sorted = new ArrayList<>(nodes.size());
		while (!ready.isEmpty()) {
			int i = ready.poll();
			sorted.add(nodes.get(i));
			for (int r : readers.get(i))
				if (--pending[r] == 0) ready.add(r);
		}
		if (sorted.size() < nodes.size()) {
			for (int i = 0; i < nodes.size(); i++)
				if (pending[i] > 0)
					throw new OnnxFormatException(file, "cyclic graph: " + nodes.get(i).describe()
						+ " depends on its own output");
		}
		return sorted;
	}

	private OnnxNode node(ProtoReader in) throws OnnxFormatException {
		List<String> inputs = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		String name = "";
		String opType = "";
		String domain = "";
		Map<String, OnnxAttribute> attributes = new LinkedHashMap<>();
		while (in.next()) {
			switch (in.field()) {
			case 1:
				inputs.add(expect(in, ProtoReader.LENGTH_DELIMITED).readString());
				break;
			case 2:
				outputs.add(expect(in, ProtoReader.LENGTH_DELIMITED).readString());
				break;
			case 3:
				name = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case 4:
				opType = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case 5: {
				OnnxAttribute a = attribute(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage());
				if (attributes.put(a.name(), a) != null)
					throw new OnnxFormatException(file, "node '" + name + "' has attribute '" + a.name() + "' twice");
				break;
			}
			case 7:
				domain = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			default:
				in.skip();
			}
		}
		if (opType.isEmpty()) throw new OnnxFormatException(file, "node '" + name + "' has no operator type");
		if (domain.equals("ai.onnx")) domain = "";
		return new OnnxNode(name, opType, domain, inputs, outputs, attributes);
	}

	private OnnxAttribute attribute(ProtoReader in) throws OnnxFormatException {
		String name = "";
		int type = 0;
		float f = 0;
		long i = 0;
		String s = null;
		OnnxTensor t = null;
		FloatList floats = new FloatList();
		LongList ints = new LongList();
		boolean subgraph = false;
		while (in.next()) {
			switch (in.field()) {
			case 1:
				name = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case 20:
				type = (int) expect(in, ProtoReader.VARINT).readVarint();
				break;
			case 2:
				f = expect(in, ProtoReader.FIXED32).readFloat();
				break;
			case 3:
				i = expect(in, ProtoReader.VARINT).readVarint();
				break;
			case 4:
				s = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case 5:
				t = tensor(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage());
				break;
			case 6:
			case 11:
				subgraph = true; // not read: no supported operator takes a graph
				in.skip();
				break;
			case 7:
				in.readFloats(floats);
				break;
			case 8:
				in.readVarints(ints);
				break;
			default:
				in.skip();
			}
		}
		if (subgraph) type = OnnxAttribute.GRAPH;
		return new OnnxAttribute(name, type, f, i, s, t, floats.toArray(), ints.toArray());
	}

	private OnnxTensor tensor(ProtoReader in) throws OnnxFormatException {
		LongList dims = new LongList();
		int dataType = 0;
		String name = "";
		FloatList floatData = new FloatList();
		FloatList doubleData = new FloatList();
		LongList intData = new LongList();
		int[] raw = null;
		Map<String, String> external = new HashMap<>();
		boolean externalLocation = false;
		boolean strings = false;
		while (in.next()) {
			switch (in.field()) {
			case 1:
				in.readVarints(dims);
				break;
			case 2:
				dataType = (int) expect(in, ProtoReader.VARINT).readVarint();
				break;
			case 4:
				in.readFloats(floatData);
				break;
			case 5:
			case 7:
				in.readVarints(intData);
				break;
			case 6:
				strings = true;
				in.skip();
				break;
			case 8:
				name = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case 9:
				raw = expect(in, ProtoReader.LENGTH_DELIMITED).readWindow();
				break;
			case 10:
				in.readDoubles(doubleData);
				break;
			case 13: {
				ProtoReader entry = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
				String key = "";
				String value = "";
				while (entry.next()) {
					if (entry.field() == 1) key = expect(entry, ProtoReader.LENGTH_DELIMITED).readString();
					else if (entry.field() == 2) value = expect(entry, ProtoReader.LENGTH_DELIMITED).readString();
					else entry.skip();
				}
				external.put(key, value);
				break;
			}
			case 14:
				externalLocation = expect(in, ProtoReader.VARINT).readVarint() == 1;
				break;
			case 3:
				throw new OnnxFormatException(file, "tensor '" + name + "' is split into segments (not supported)");
			default:
				in.skip();
			}
		}
		long[] shape = dims.toArray();
		String what = "tensor '" + name + "'";
		int count = OnnxTensor.elementCount(shape);
		if (count < 0) throw new OnnxFormatException(file, what + " has bad or too large dims " + java.util.Arrays.toString(shape));
		int width = elementBytes(dataType);
		if (width == 0 || strings)
			return new OnnxTensor(name, dataType, shape, null, null); // e.g. strings: usable by no supported operator
		if (externalLocation) {
			ByteBuffer data = externalData(what, external, (long) count * width);
			return decode(name, dataType, shape, data, count);
		}
		if (raw != null) {
			if ((long) raw[1] != (long) count * width)
				throw new OnnxFormatException(file, what + " holds " + raw[1] + " bytes of data, its dims declare "
					+ (long) count * width);
			return decode(name, dataType, shape, ByteBuffer.wrap(in.array(), raw[0], raw[1]).slice(), count);
		}
		if (dataType == OnnxTensor.FLOAT || dataType == OnnxTensor.DOUBLE) {
			int given = dataType == OnnxTensor.FLOAT ? floatData.size() : doubleData.size();
			if (given != count)
				throw new OnnxFormatException(file, what + " holds " + given + " values, its dims declare " + count);
			return new OnnxTensor(name, dataType, shape,
				dataType == OnnxTensor.FLOAT ? floatData.toArray() : doubleData.toArray(), null);
		}
		long[] ints = intData.toArray();
		if (ints.length != count)
			throw new OnnxFormatException(file, what + " holds " + ints.length + " values, its dims declare " + count);
		if (dataType == OnnxTensor.FLOAT16) {
			float[] converted = new float[count];
			for (int k = 0; k < count; k++)
				converted[k] = halfToFloat((int) ints[k]);
			return new OnnxTensor(name, dataType, shape, converted, null);
		}
		return new OnnxTensor(name, dataType, shape, null, ints);
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
		Path dataFile;
		try {
			Path relative = folder.getFileSystem().getPath(location);
			if (relative.isAbsolute())
				throw new OnnxFormatException(file, what + ": external data path '" + location
					+ "' is absolute; only files in the model's folder are read");
			dataFile = folder.resolve(relative).normalize();
			if (!dataFile.startsWith(folder.normalize()))
				throw new OnnxFormatException(file, what + ": external data path '" + location
					+ "' leads outside the model's folder");
			if (!Files.isRegularFile(dataFile))
				throw new OnnxFormatException(file, what + ": external data file '" + location + "' not found");
			if (!dataFile.toRealPath().startsWith(folder.toRealPath()))
				throw new OnnxFormatException(file, what + ": external data path '" + location
					+ "' links outside the model's folder");
		}
		catch (java.nio.file.InvalidPathException e) {
			throw new OnnxFormatException(file, what + ": bad external data path '" + location + "'");
		}
		catch (OnnxFormatException e) {
			throw e;
		}
		catch (IOException e) {
			throw new OnnxFormatException(file, what + ": cannot resolve external data '" + location + "': " + e.getMessage());
		}
		long offset = parseLong(what, entries.getOrDefault("offset", "0"));
		try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.READ)) {
			long size = channel.size();
			long length = entries.containsKey("length") ? parseLong(what, entries.get("length")) : size - offset;
			if (offset < 0 || length < 0 || offset > size || length > size - offset)
				throw new OnnxFormatException(file, what + ": external data [" + offset + ", +" + length + ") lies outside '"
					+ location + "' (" + size + " bytes)");
			if (length != expected)
				throw new OnnxFormatException(file, what + " has " + length + " bytes of external data, its dims declare "
					+ expected);
			externalFileSizes.putIfAbsent(dataFile.toRealPath(), size);
			long budget = Math.min(MAX_FILE_BYTES, externalFileSizes.values().stream().mapToLong(Long::longValue).sum());
			if (length > budget - externalBytesRead)
				throw new OnnxFormatException(file, what + ": its " + length + " bytes of external data would make " +
					(externalBytesRead + length) + " in all, more than " + (budget == MAX_FILE_BYTES ? "the " + budget +
						" bytes read at most" : "its data files hold (" + budget + " bytes)"));
			externalBytesRead += length; // at most MAX_FILE_BYTES: an int
			ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(length)); // within the budget: an int
			while (data.hasRemaining())
				if (channel.read(data, offset + data.position()) < 0)
					throw new OnnxFormatException(file, what + ": external data file '" + location + "' ends early");
			data.flip();
			return data;
		}
		catch (OnnxFormatException e) {
			throw e;
		}
		catch (IOException e) {
			throw new OnnxFormatException(file, what + ": cannot read external data '" + location + "': " + e.getMessage());
		}
	}

	private long parseLong(String what, String text) throws OnnxFormatException {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException e) {
			throw new OnnxFormatException(file, what + ": bad external data number '" + text + "'");
		}
	}

	private OnnxValueInfo valueInfo(ProtoReader in) throws OnnxFormatException {
		String name = "";
		int elementType = 0;
		List<OnnxValueInfo.Dim> shape = null;
		while (in.next()) {
			if (in.field() == 1) name = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
			else if (in.field() == 2) {
				ProtoReader type = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
				while (type.next()) {
					if (type.field() != 1) {
						type.skip(); // sequences, maps: not tensors
						continue;
					}
					ProtoReader tensorType = expect(type, ProtoReader.LENGTH_DELIMITED).readMessage();
					while (tensorType.next()) {
						if (tensorType.field() == 1) elementType = (int) expect(tensorType, ProtoReader.VARINT).readVarint();
						else if (tensorType.field() == 2) shape = shape(expect(tensorType, ProtoReader.LENGTH_DELIMITED).readMessage());
						else tensorType.skip();
					}
				}
			}
			else in.skip();
		}
		return new OnnxValueInfo(name, elementType, shape);
	}

	private List<OnnxValueInfo.Dim> shape(ProtoReader in) {
		List<OnnxValueInfo.Dim> dims = new ArrayList<>();
		while (in.next()) {
			if (in.field() != 1) {
				in.skip();
				continue;
			}
			ProtoReader dim = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
			long value = -1;
			String param = null;
			while (dim.next()) {
				if (dim.field() == 1) value = expect(dim, ProtoReader.VARINT).readVarint();
				else if (dim.field() == 2) param = expect(dim, ProtoReader.LENGTH_DELIMITED).readString();
				else dim.skip();
			}
			dims.add(new OnnxValueInfo.Dim(value < 0 ? -1 : value, param));
		}
		return dims;
	}

	private static ProtoReader expect(ProtoReader in, int wireType) {
		if (in.wireType() != wireType)
			throw new MalformedException("field " + in.field() + " has wire type " + in.wireType() + ", expected "
				+ wireType + ", at byte " + in.position());
		return in;
	}
}
