package org.convnetexplorer.onnx.graph;

import java.util.List;
import java.util.Map;

/** A graph node: its name (may be empty), operator, input and output tensor names (an empty input: not given). */
public final class OnnxNode {

	private final String name;
	private final String opType;
	private final String domain;
	private final List<String> inputs;
	private final List<String> outputs;
	private final Map<String, OnnxAttribute> attributes;

	OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
		Map<String, OnnxAttribute> attributes)
	{
		this.name = name;
		this.opType = opType;
		this.domain = domain;
		this.inputs = List.copyOf(inputs);
		this.outputs = List.copyOf(outputs);
		this.attributes = Map.copyOf(attributes);
	}

	public String name() {
		return name;
	}

	public String opType() {
		return opType;
	}

	/** The operator set's domain; "" for ONNX's own. */
	public String domain() {
		return domain;
	}

	public List<String> inputs() {
		return inputs;
	}

	public List<String> outputs() {
		return outputs;
	}

	public Map<String, OnnxAttribute> attributes() {
		return attributes;
	}

	/** "node 'NAME' (OpType)", the way messages name it; the first output stands in for a missing name. */
	public String describe() {
		String shown = name.isEmpty() ? (outputs.isEmpty() ? "?" : "writing " + outputs.get(0)) : name;
		return "node '" + shown + "' (" + opType + ")";
	}
}
