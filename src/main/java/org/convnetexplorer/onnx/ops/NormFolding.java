package org.convnetexplorer.onnx.ops;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.convnetexplorer.onnx.graph.OnnxValueInfo;

/**
 * Conv → BatchNormalization pairs whose norm is folded into the convolution's weights (TF only): where the Conv's
 * output feeds only the norm, nobody fetches it, and the norm's parameters are initializers.
 */
public final class NormFolding {

	/** Nothing folded (a walk of shapes and fields only). */
	public static final NormFolding NONE = new NormFolding();

	private final Map<OnnxNode, OnnxNode> normAfter = new HashMap<>();
	private final Set<OnnxNode> foldedAway = new HashSet<>();

	private NormFolding() {
	}

	/** @param kept tensors the caller fetches: never folded away */
	public static NormFolding plan(OnnxGraph graph, Set<String> kept) {
		NormFolding folding = new NormFolding();
		Map<String, Integer> readers = new HashMap<>();
		for (OnnxNode n : graph.nodes())
			for (String in : n.inputs())
				readers.merge(in, 1, Integer::sum);
		for (OnnxValueInfo out : graph.outputs())
			readers.merge(out.name(), 1, Integer::sum);
		for (OnnxNode n : graph.nodes()) {
			if (!n.opType().equals("BatchNormalization") || n.inputs().size() < 5) continue;
			OnnxNode conv = graph.producer(n.inputs().get(0));
			if (conv == null || !conv.opType().equals("Conv") || kept.contains(conv.outputs().get(0))) continue;
			if (readers.getOrDefault(conv.outputs().get(0), 0) != 1) continue;
			boolean constants = true;
			for (int i = 1; i < 5; i++)
				constants &= graph.initializers().containsKey(n.inputs().get(i));
			if (!constants) continue;
			folding.normAfter.put(conv, n);
			folding.foldedAway.add(n);
		}
		return folding;
	}

	/** The norm folded into {@code conv}, or null. */
	OnnxNode normAfter(OnnxNode conv) {
		return normAfter.get(conv);
	}

	/** Whether {@code norm} is folded into its convolution (and so passes its input through). */
	boolean isFoldedAway(OnnxNode norm) {
		return foldedAway.contains(norm);
	}
}
