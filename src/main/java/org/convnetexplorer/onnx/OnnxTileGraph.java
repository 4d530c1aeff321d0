package org.convnetexplorer.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.tiles.Region;
import org.convnetexplorer.tiles.RegionTop;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Chosen layers of an ONNX model imported for one input size (a tile's), one image at a time: for each layer, a region
 * of its map is cut out, and each unit's highest values there are found, inside the graph (top-k over the region's
 * positions; TensorFlow's TopK puts the lower index first on ties), so a tile returns kilobytes, not its activations.
 */
final class OnnxTileGraph implements AutoCloseable {

	private final Graph graph = new Graph();
	private final Placeholder<TFloat32> input;
	private final int channels;
	private final int height;
	private final int width;
	private final Map<Layer, Fetch> fetches = new LinkedHashMap<>();
	private final Session session;

	/** A layer's region and k, fed per run, and what comes back. */
	private static final class Fetch {
		Placeholder<TInt32> begin;
		Placeholder<TInt32> size;
		Placeholder<TInt32> k;
		TopK<TFloat32, TInt32> top;
	}

	OnnxTileGraph(OnnxModel model, List<Layer> layers, int height, int width, ComputeDevice device, int threads)
		throws OnnxFormatException
	{
		this.channels = model.input().channels();
		this.height = height;
		this.width = width;
		Ops tf = TensorFlowRuntime.onDevice(Ops.create(graph), device);
		input = tf.withName("images").placeholder(TFloat32.class,
			Placeholder.shape(Shape.of(1, channels, height, width)));
		try {
			Map<String, Operand<TFloat32>> maps = model.build(tf, input, height, width,
				layers.stream().map(Layer::name).collect(Collectors.toList()));
			for (Layer layer : layers)
				fetches.put(layer, topOf(tf, maps.get(layer.name()), layer.units()));
			session = TensorFlowRuntime.newSession(graph, threads, Precision.FLOAT32);
		}
		catch (OnnxFormatException | RuntimeException e) {
			graph.close();
			throw e;
		}
	}

	/** [1, H, W, units] → the region [1, rows, columns, units] → [units, rows × columns] → top k per unit. */
	private static Fetch topOf(Ops tf, Operand<TFloat32> nhwc, int units) {
		Fetch f = new Fetch();
		f.begin = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(4)));
		f.size = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(4)));
		f.k = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
		Operand<TFloat32> region = tf.slice(nhwc, f.begin, f.size);
		Operand<TFloat32> byUnit = tf.linalg.transpose(tf.reshape(region, tf.constant(new int[] { -1, units })),
			tf.constant(new int[] { 1, 0 }));
		f.top = tf.nn.topK(byUnit, f.k, TInt32.class, TopK.sorted(true));
		return f;
	}

	/** Runs the tile; regions of layers not asked for are not computed apart from what the others need. */
	Map<Layer, RegionTop> top(float[] tile, Map<Layer, Region> regions, int k) {
		Map<Layer, RegionTop> result = new LinkedHashMap<>();
		try (TFloat32 image = TFloat32.tensorOf(Shape.of(1, channels, height, width))) {
			image.asRawTensor().data().asFloats().write(tile, 0, channels * height * width);
			Session.Runner runner = session.runner().feed(input, image);
			List<AutoCloseable> fed = new java.util.ArrayList<>();
			try {
				for (Map.Entry<Layer, Region> e : regions.entrySet()) {
					Fetch f = fetches.get(e.getKey());
					Region r = e.getValue();
					TInt32 begin = TInt32.vectorOf(0, r.y0, r.x0, 0);
					TInt32 size = TInt32.vectorOf(1, r.rows, r.columns, -1);
					TInt32 kk = TInt32.scalarOf(Math.min(k, r.positions()));
					fed.add(begin);
					fed.add(size);
					fed.add(kk);
					runner.feed(f.begin, begin).feed(f.size, size).feed(f.k, kk).fetch(f.top.values())
						.fetch(f.top.indices());
				}
				try (Result fetched = runner.run()) {
					int i = 0;
					for (Map.Entry<Layer, Region> e : regions.entrySet()) {
						int kept = Math.min(k, e.getValue().positions());
						float[] values = new float[e.getKey().units() * kept];
						int[] positions = new int[values.length];
						((TFloat32) fetched.get(i++)).asRawTensor().data().asFloats().read(values);
						((TInt32) fetched.get(i++)).asRawTensor().data().asInts().read(positions);
						result.put(e.getKey(), new RegionTop(e.getValue(), kept, values, positions));
					}
				}
			}
			finally {
				for (AutoCloseable tensor : fed)
					closeQuietly(tensor);
			}
		}
		return result;
	}

	private static void closeQuietly(AutoCloseable tensor) {
		try {
			tensor.close();
		}
		catch (Exception e) {
			// a tensor's close does not fail
		}
	}

	@Override
	public void close() {
		if (session != null) session.close();
		graph.close();
	}
}
