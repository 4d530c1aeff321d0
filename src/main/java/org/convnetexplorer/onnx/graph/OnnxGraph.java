package org.convnetexplorer.onnx.graph;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model's main graph as read from its file, checked: every tensor a node reads exists, none is written twice,
 * the nodes (in topological order here) form no cycle. Nothing is interpreted yet; {@link OnnxModel} does that.
 */
public final class OnnxGraph {

	private final Path file;
	private final long irVersion;
	private final long opset;
	private final String producer;
	private final List<OnnxNode> nodes;
	private final Map<String, OnnxTensor> initializers;
	private final List<OnnxValueInfo> inputs;
	private final List<OnnxValueInfo> outputs;
	private final Map<String, OnnxNode> producers = new LinkedHashMap<>();

	public OnnxGraph(Path file, long irVersion, long opset, String producer, List<OnnxNode> nodes,
		Map<String, OnnxTensor> initializers, List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs)
	{
		this.file = file;
		this.irVersion = irVersion;
		this.opset = opset;
		this.producer = producer;
		this.nodes = List.copyOf(nodes);
		this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
		this.inputs = List.copyOf(inputs);
		this.outputs = List.copyOf(outputs);
		for (OnnxNode node : nodes)
			for (String output : node.outputs())
				if (!output.isEmpty()) producers.put(output, node);
	}

	/** Reads and checks {@code file}; see {@link OnnxReader} for the limits. */
	public static OnnxGraph read(Path file) throws OnnxFormatException {
		return OnnxReader.read(file);
	}

	public Path file() {
		return file;
	}

	public long irVersion() {
		return irVersion;
	}

	/** The version of ONNX's default operator set the model imports. */
	public long opset() {
		return opset;
	}

	/** producer_name and producer_version, e.g. "pytorch 1.13.0". */
	public String producer() {
		return producer;
	}

	/** All nodes, in an order where each comes after the nodes it reads from. */
	public List<OnnxNode> nodes() {
		return nodes;
	}

	public Map<String, OnnxTensor> initializers() {
		return initializers;
	}

	/** The graph inputs that are not initializers: what the caller feeds. */
	public List<OnnxValueInfo> inputs() {
		return inputs;
	}

	public List<OnnxValueInfo> outputs() {
		return outputs;
	}

	/** The node that writes {@code tensor}, or null (a graph input, an initializer, or no such tensor). */
	public OnnxNode producer(String tensor) {
		return producers.get(tensor);
	}

	/** The node named {@code name}, or null. */
	public OnnxNode node(String name) {
		if (name.isEmpty()) return null;
		for (OnnxNode node : nodes)
			if (node.name().equals(name)) return node;
		return null;
	}
}
