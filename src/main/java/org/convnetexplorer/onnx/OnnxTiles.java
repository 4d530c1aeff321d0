package org.convnetexplorer.onnx;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.tiles.Region;
import org.convnetexplorer.tiles.RegionTop;
import org.convnetexplorer.tiles.SideRule;
import org.convnetexplorer.tiles.TileNetwork;

/**
 * An ONNX model whose input height and width are open, run at any size: one imported graph per tile size (the last
 * {@value #GRAPHS_KEPT} sizes kept), the geometry a tiling needs worked out from the model's own walk at its reference
 * size ({@value OnnxModel#DEFAULT_INPUT_SIZE}).
 */
public final class OnnxTiles implements TileNetwork {

	/** Graphs kept open at once: a tiling has at most four tile sizes per image (inner, right, bottom, corner). */
	static final int GRAPHS_KEPT = 4;
	private static final int REFERENCE = OnnxModel.DEFAULT_INPUT_SIZE;

	private final OnnxNetwork network;
	private final OnnxModel model;
	private final List<Layer> layers;
	private final ComputeDevice device;
	private final int threads;
	private final int alignment;
	private final int sizeStep;
	private final int leastSide;
	private final double bytesPerPixel;
	private final Map<String, OnnxTileGraph> graphs = new LinkedHashMap<>(8, 0.75f, true);
	private final Map<String, Map<String, int[]>> maps = new LinkedHashMap<>();

	private OnnxTiles(OnnxNetwork network, List<Layer> layers, ComputeDevice device, int threads)
		throws OnnxFormatException
	{
		this.network = network;
		this.model = network.model();
		this.layers = List.copyOf(layers);
		this.device = device;
		this.threads = threads;
		List<OnnxLayer> all = model.layers(REFERENCE, REFERENCE);
		// a package's steps join the layers' own: tiles then start and end on sides it takes
		SideRule sides = network.sides();
		int layersAlignment = alignment(all);
		alignment = (int) lcm(layersAlignment, sides.step);
		sizeStep = (int) lcm(probeSizeStep(layersAlignment), sides.step);
		leastSide = sides.least;
		double floats = 0;
		for (OnnxLayer layer : all)
			floats += (double) layer.units() * layer.mapHeight() * layer.mapWidth();
		bytesPerPixel = floats * Float.BYTES / ((double) REFERENCE * REFERENCE);
	}

	/**
	 * The model's chosen layers for a native-size scan, on the device asked for.
	 *
	 * @throws IllegalArgumentException naming the model, where its input has a fixed height or width
	 */
	public static OnnxTiles open(OnnxNetwork network, List<Layer> layers, ComputeDevice device, int threads,
		NetworkListener listener) throws IOException
	{
		requireOpenSize(network.model());
		TensorFlowRuntime.awaitNatives();
		listener.status("Importing " + network.model().file() + " for inputs of each image's own size");
		return device.open(on -> {
			try {
				return new OnnxTiles(network, layers, on, threads);
			}
			catch (OnnxFormatException e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		}, OnnxTiles::probe, listener::gpuFallback);
	}

	/** @throws IllegalArgumentException naming the model, where its input fixes a side */
	public static void requireOpenSize(OnnxModel model) {
		OnnxInput in = model.input();
		if (in.height() > 0 || in.width() > 0) throw new IllegalArgumentException("--input-size native needs a model " +
			"whose input height and width are open (dynamic), but " + model.file().getFileName() + " takes " +
			(in.height() > 0 ? in.height() : "H") + "×" + (in.width() > 0 ? in.width() : "W") + " inputs (input " + in +
			"); export it with dynamic_axes for height and width, or give --input-size N");
	}

	private void probe() {
		int side = alignment * Math.max(1, (64 + alignment - 1) / alignment);
		float[] zeros = new float[channels() * side * side];
		Map<Layer, Region> regions = new LinkedHashMap<>();
		for (Layer layer : layers)
			regions.put(layer, new Region(0, 0, 1, 1));
		top(zeros, side, side, regions, 1);
	}

	/** The least common multiple of every layer's jump (the largest downsampling, for power-of-two strides). */
	private static int alignment(List<OnnxLayer> all) {
		long lcm = 1;
		for (OnnxLayer layer : all)
			for (LayerFields.Group g : layer.fields().groups()) {
				// jump 0: a field evaluated per index (after upsampling), which native scans refuse (AxisExtent)
				if (g.field == null || g.field.y.jump == 0 || g.field.x.jump == 0) continue;
				lcm = lcm(lcm, lcm(g.field.y.jump, g.field.x.jump));
			}
		if (lcm > 4096) throw new IllegalArgumentException("the layers' strides make tiles line up every " + lcm +
			" pixels only");
		return (int) lcm;
	}

	private static long lcm(long a, long b) {
		return SideRule.leastCommonMultiple(a, b);
	}

	/** The smallest divisor of the alignment at whose multiples (past the reference size) every chosen layer computes. */
	private int probeSizeStep(int alignment) {
		for (int step = 1; step < alignment; step++)
			if (alignment % step == 0 && computes(REFERENCE + step) && computes(REFERENCE + 2 * step)) return step;
		return alignment;
	}

	private boolean computes(int side) {
		try {
			for (Layer layer : layers)
				mapSize(layer, side, side);
			return true;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	@Override
	public List<Layer> layers() {
		return layers;
	}

	@Override
	public int channels() {
		return model.input().channels();
	}

	@Override
	public int alignment() {
		return alignment;
	}

	@Override
	public int sizeStep() {
		return sizeStep;
	}

	@Override
	public int leastSide() {
		return leastSide;
	}

	@Override
	public double bytesPerPixel() {
		return bytesPerPixel;
	}

	@Override
	public int[] mapSize(Layer layer, int height, int width) {
		Map<String, int[]> sizes = maps.computeIfAbsent(height + "x" + width, key -> new LinkedHashMap<>());
		int[] size = sizes.get(layer.name());
		if (size != null) return size;
		try {
			OnnxLayer at = model.layer(layer.name(), height, width);
			size = new int[] { at.mapHeight(), at.mapWidth() };
		}
		catch (OnnxFormatException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
		if (size[0] < 1 || size[1] < 1) throw new IllegalArgumentException(layer.name() + " has no position at an " +
			"input of " + width + "×" + height);
		sizes.put(layer.name(), size);
		if (maps.size() > 64) maps.remove(maps.keySet().iterator().next());
		return size;
	}

	@Override
	public Map<Layer, RegionTop> top(float[] tile, int height, int width, Map<Layer, Region> regions, int k) {
		return graph(height, width).top(tile, regions, k);
	}

	private OnnxTileGraph graph(int height, int width) {
		String key = height + "x" + width;
		OnnxTileGraph graph = graphs.get(key);
		if (graph != null) return graph;
		try {
			graph = new OnnxTileGraph(model, layers, height, width, device, threads);
		}
		catch (OnnxFormatException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
		graphs.put(key, graph);
		if (graphs.size() > GRAPHS_KEPT) {
			String eldest = graphs.keySet().iterator().next();
			graphs.remove(eldest).close();
		}
		return graph;
	}

	@Override
	public ComputeDevice device() {
		return device;
	}

	@Override
	public Map<String, Object> provenance() {
		try {
			return network.provenance(); // a package's SHA-256, not its extracted weights
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException("cannot read the model " + model.source() + " again: " +
				e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		for (OnnxTileGraph graph : graphs.values())
			graph.close();
		graphs.clear();
	}
}
