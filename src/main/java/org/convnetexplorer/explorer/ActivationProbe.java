package org.convnetexplorer.explorer;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.network.BatchMaxima;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.results.RunResults;

/**
 * A run's network, built once for the run's layers, that measures any image's activations the way the scan did (the
 * same placement and normalisation, the same per-unit maxima). Not for several threads at once.
 */
public final class ActivationProbe implements AutoCloseable {

	private final InputSpec input;
	private final Preprocessor preprocessor;
	private final Trunk trunk;
	/** The run's name of each layer (a name may differ in case from the network's). */
	private final Map<Layer, String> names;

	private ActivationProbe(Network network, Trunk trunk, Map<Layer, String> names) {
		this.input = network.input();
		this.preprocessor = new Preprocessor(input);
		this.trunk = trunk;
		this.names = names;
	}

	/** The network the run's run.json records, for the run's layers. */
	public static ActivationProbe forRun(RunResults run, NetworkListener listener) throws IOException {
		return open(NetworkRecord.of(run.json(), run.folder).open(), run.layers, listener);
	}

	/**
	 * @throws IOException where the weights or model cannot be had
	 * @throws IllegalArgumentException for a layer name the network does not have
	 */
	public static ActivationProbe open(Network network, List<String> layerNames, NetworkListener listener)
		throws IOException
	{
		Map<Layer, String> names = new LinkedHashMap<>();
		for (String name : layerNames)
			names.put(network.layer(name), name);
		List<Layer> layers = new ArrayList<>(names.keySet());
		layers.sort(Comparator.comparingInt(network::order));
		return new ActivationProbe(network, network.openTrunk(layers, ComputeDevice.AUTO,
			JobSettings.threadsOrCores(0), Precision.FLOAT32, listener), names);
	}

	/** Each layer's per-unit maxima on the image, by the layer names the run uses. */
	public ImageActivations measure(String name, RgbImage image) {
		Placement placement = input.place(image.width(), image.height());
		float[] floats = new float[input.floats()];
		preprocessor.write(image, placement, FloatBuffer.wrap(floats));
		Map<String, float[]> maxima = new LinkedHashMap<>();
		for (Map.Entry<Layer, BatchMaxima> layer : trunk.forward(floats, 1).entrySet())
			maxima.put(names.get(layer.getKey()), Arrays.copyOf(layer.getValue().values, layer.getKey().units()));
		return new ImageActivations(name, maxima);
	}

	@Override
	public void close() {
		trunk.close();
	}
}
