package org.convnetexplorer.onnx.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.files.UnreadableFileException;
import org.convnetexplorer.onnx.graph.ProtoReader.FloatList;
import org.convnetexplorer.onnx.graph.ProtoReader.LongList;
import org.convnetexplorer.onnx.graph.ProtoReader.MalformedException;
import org.convnetexplorer.results.FileProblems;

/**
 * Reads an ONNX file (protobuf, onnx.proto's ModelProto) with {@link ProtoReader}: only the fields a convolutional
 * network needs are decoded, the others skipped by their length. Limits, all checked before use:
 * <ul>
 * <li>the file must be a regular file of up to protobuf's 2 GB; it is mapped, not read whole, so that its first fields
 * are checked before the rest is touched; every declared length and element count is checked against the bytes that
 * remain (or, for external data, against the data file's size) before anything is allocated for it;</li>
 * <li>external data is read only from a file inside the model's folder (its real path, links resolved);</li>
 * <li>the graph must be acyclic, each tensor written once, each read tensor defined;</li>
 * <li>the schema read is fixed (model, graph, node, attribute, tensor, value info, type, shape), so nesting is bounded;
 * subgraphs (If, Loop) are not read.</li>
 * </ul>
 */
final class OnnxReader {

	static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

	private final Path file;
	private final TensorReader tensors;

	private OnnxReader(Path file) {
		this.file = file;
		tensors = new TensorReader(file);
	}

	static OnnxGraph read(Path file) throws OnnxFormatException {
		ByteBuffer bytes;
		try (FileChannel channel = RegularFile.channel(file, MAX_FILE_BYTES)) {
			if (channel.size() == 0) throw new OnnxFormatException(file, "empty file");
			bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()); // read as parsed, page by page
		}
		catch (NoSuchFileException e) {
			throw new OnnxFormatException(file, "no such file");
		}
		catch (OnnxFormatException e) {
			throw e;
		}
		catch (UnreadableFileException e) {
			throw new OnnxFormatException(file, e.getReason().replace(" this reads", " protobuf's 2 GB limit allows"));
		}
		catch (IOException e) {
			throw new OnnxFormatException(file, "cannot read: " + FileProblems.reason(e), e);
		}
		try {
			return new OnnxReader(file).model(new ProtoReader(bytes, 0, bytes.limit()));
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
			case OnnxFields.Model.IR_VERSION:
				irVersion = expect(in, ProtoReader.VARINT).readVarint();
				break;
			case OnnxFields.Model.PRODUCER_NAME:
				producer = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case OnnxFields.Model.PRODUCER_VERSION:
				producerVersion = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case OnnxFields.Model.GRAPH:
				if (graph != null) throw new MalformedException("two graphs");
				graph = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
				break;
			case OnnxFields.Model.OPSET_IMPORT: {
				ProtoReader set = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
				String domain = "";
				long version = -1;
				while (set.next()) {
					if (set.field() == OnnxFields.OperatorSet.DOMAIN) domain = expect(set, ProtoReader.LENGTH_DELIMITED).readString();
					else if (set.field() == OnnxFields.OperatorSet.VERSION) version = expect(set, ProtoReader.VARINT).readVarint();
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
			case OnnxFields.Graph.NODE:
				nodes.add(node(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage()));
				break;
			case OnnxFields.Graph.INITIALIZER: {
				OnnxTensor tensor = tensors.tensor(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage());
				if (initializers.put(tensor.name(), tensor) != null)
					throw new OnnxFormatException(file, "initializer '" + tensor.name() + "' given twice");
				break;
			}
			case OnnxFields.Graph.INPUT:
				inputs.add(valueInfo(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage()));
				break;
			case OnnxFields.Graph.OUTPUT:
				outputs.add(valueInfo(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage()));
				break;
			case OnnxFields.Graph.SPARSE_INITIALIZER:
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
			case OnnxFields.Node.INPUT:
				inputs.add(expect(in, ProtoReader.LENGTH_DELIMITED).readString());
				break;
			case OnnxFields.Node.OUTPUT:
				outputs.add(expect(in, ProtoReader.LENGTH_DELIMITED).readString());
				break;
			case OnnxFields.Node.NAME:
				name = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case OnnxFields.Node.OP_TYPE:
				opType = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case OnnxFields.Node.ATTRIBUTE: {
				OnnxAttribute a = attribute(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage());
				if (attributes.put(a.name(), a) != null)
					throw new OnnxFormatException(file, "node '" + name + "' has attribute '" + a.name() + "' twice");
				break;
			}
			case OnnxFields.Node.DOMAIN:
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
			case OnnxFields.Attribute.NAME:
				name = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case OnnxFields.Attribute.TYPE:
				type = (int) expect(in, ProtoReader.VARINT).readVarint();
				break;
			case OnnxFields.Attribute.F:
				f = expect(in, ProtoReader.FIXED32).readFloat();
				break;
			case OnnxFields.Attribute.I:
				i = expect(in, ProtoReader.VARINT).readVarint();
				break;
			case OnnxFields.Attribute.S:
				s = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
				break;
			case OnnxFields.Attribute.T:
				t = tensors.tensor(expect(in, ProtoReader.LENGTH_DELIMITED).readMessage());
				break;
			case OnnxFields.Attribute.G:
			case OnnxFields.Attribute.GRAPHS:
				subgraph = true; // not read: no supported operator takes a graph
				in.skip();
				break;
			case OnnxFields.Attribute.FLOATS:
				in.readFloats(floats);
				break;
			case OnnxFields.Attribute.INTS:
				in.readVarints(ints);
				break;
			default:
				in.skip();
			}
		}
		if (subgraph) type = OnnxAttribute.GRAPH;
		return new OnnxAttribute(name, type, f, i, s, t, floats.toArray(), ints.toArray());
	}

	private OnnxValueInfo valueInfo(ProtoReader in) throws OnnxFormatException {
		String name = "";
		int elementType = 0;
		List<OnnxValueInfo.Dim> shape = null;
		while (in.next()) {
			if (in.field() == OnnxFields.ValueInfo.NAME) name = expect(in, ProtoReader.LENGTH_DELIMITED).readString();
			else if (in.field() == OnnxFields.ValueInfo.TYPE) {
				ProtoReader type = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
				while (type.next()) {
					if (type.field() != OnnxFields.ValueInfo.TENSOR_TYPE) {
						type.skip(); // sequences, maps: not tensors
						continue;
					}
					ProtoReader tensorType = expect(type, ProtoReader.LENGTH_DELIMITED).readMessage();
					while (tensorType.next()) {
						if (tensorType.field() == OnnxFields.ValueInfo.ELEMENT_TYPE)
							elementType = (int) expect(tensorType, ProtoReader.VARINT).readVarint();
						else if (tensorType.field() == OnnxFields.ValueInfo.SHAPE)
							shape = shape(expect(tensorType, ProtoReader.LENGTH_DELIMITED).readMessage());
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
			if (in.field() != OnnxFields.ValueInfo.DIM) {
				in.skip();
				continue;
			}
			ProtoReader dim = expect(in, ProtoReader.LENGTH_DELIMITED).readMessage();
			long value = -1;
			String param = null;
			while (dim.next()) {
				if (dim.field() == OnnxFields.ValueInfo.DIM_VALUE) value = expect(dim, ProtoReader.VARINT).readVarint();
				else if (dim.field() == OnnxFields.ValueInfo.DIM_PARAM)
					param = expect(dim, ProtoReader.LENGTH_DELIMITED).readString();
				else dim.skip();
			}
			dims.add(new OnnxValueInfo.Dim(value < 0 ? -1 : value, param));
		}
		return dims;
	}

	static ProtoReader expect(ProtoReader in, int wireType) {
		if (in.wireType() != wireType)
			throw new MalformedException("field " + in.field() + " has wire type " + in.wireType() + ", expected "
				+ wireType + ", at byte " + in.position());
		return in;
	}
}
