package org.convnetexplorer.onnx;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.ops.OnnxImporter;

import static org.convnetexplorer.onnx.ProtoWriter.graph;
import static org.convnetexplorer.onnx.ProtoWriter.model;
import static org.convnetexplorer.onnx.ProtoWriter.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A walk past refusals keeps what does not need the refused node, and says why the rest is missing. */
class WalkPastRefusalsTest {

	@TempDir
	Path folder;

	@Test
	void onlyTensorsThatNeedTheRefusedNodeAreMissing() throws Exception {
		// x → Relu → encoder; encoder → DeformConv (unsupported) → up → Relu → decoder; encoder → Sigmoid → side
		Path file = folder.resolve("unet-like.onnx");
		Files.write(file, model(13, graph(new long[] { 1, 3, 8, 8 }, "decoder",
			node("enc", "Relu", new String[] { "x" }, new String[] { "encoder" }),
			node("/up/DeformConv", "DeformConv", new String[] { "encoder" }, new String[] { "up" }),
			node("dec", "Relu", new String[] { "up" }, new String[] { "decoder" }),
			node("side", "Sigmoid", new String[] { "encoder" }, new String[] { "side" }))));
		OnnxGraph graph = OnnxGraph.read(file);
		OnnxFormatException strict = assertThrows(OnnxFormatException.class, () -> walk(graph).run(graph.nodes()));
		assertEquals("node '/up/DeformConv' (DeformConv): unsupported operator", strict.reason());
		OnnxImporter walk = walk(graph);
		walk.runPastRefusals(graph.nodes());
		for (String usable : new String[] { "encoder", "side" }) {
			assertNotNull(walk.value(usable), usable);
			assertNull(walk.refusal(usable), usable);
		}
		for (String missing : new String[] { "up", "decoder" }) {
			assertNull(walk.value(missing), missing);
			assertEquals(strict.getMessage(), walk.refusal(missing).getMessage(), missing);
		}
	}

	private static OnnxImporter walk(OnnxGraph graph) {
		OnnxImporter walk = new OnnxImporter(graph, null, java.util.Set.of());
		walk.input("x", new long[] { 1, 3, 8, 8 }, null);
		return walk;
	}
}
