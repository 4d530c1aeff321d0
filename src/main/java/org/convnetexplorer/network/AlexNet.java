package org.convnetexplorer.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.DownloadProgress;
import org.convnetexplorer.weights.WeightsSource;

/**
 * The built-in network: torchvision's AlexNet, conv1..conv5 ({@link AlexNetConv}), with weights from a PyTorch state
 * dict ({@link WeightsSource}: a .pth path, {@code imagenet} or {@code demo}), at torchvision's ImageNet input.
 */
public final class AlexNet implements Network {

	public static final Layer CONV1 = AlexNetConv.CONV1.layer();
	public static final Layer CONV2 = AlexNetConv.CONV2.layer();
	public static final Layer CONV3 = AlexNetConv.CONV3.layer();
	public static final Layer CONV4 = AlexNetConv.CONV4.layer();
	public static final Layer CONV5 = AlexNetConv.CONV5.layer();
	/** torchvision's ImageNet preprocessing at 224×224. */
	public static final InputSpec INPUT = InputSpec.IMAGENET;
	/** conv1..conv5. */
	public static final List<Layer> LAYERS = Stream.of(AlexNetConv.values()).map(AlexNetConv::layer)
		.collect(Collectors.toUnmodifiableList());

	private final String weights;
	private final Path cache;

	/**
	 * @param weights a .pth path, {@value WeightsSource#IMAGENET} or {@value WeightsSource#DEMO}
	 * @param cache where downloaded and extracted weights are kept
	 */
	public AlexNet(String weights, Path cache) {
		this.weights = weights;
		this.cache = cache;
	}

	@Override
	public String name() {
		return "AlexNet";
	}

	@Override
	public InputSpec input() {
		return INPUT;
	}

	@Override
	public List<Layer> layers() {
		return LAYERS;
	}

	@Override
	public List<Layer> defaultLayers() {
		return LAYERS;
	}

	/** The weights as the user gave them: a .pth path, {@code imagenet} or {@code demo}. */
	public String weights() {
		return weights;
	}

	/** The local weights file, downloaded or extracted into the cache the first time. */
	public Path weightsFile(DownloadProgress progress) throws IOException {
		return new WeightsSource().resolve(weights, cache, progress);
	}

	@Override
	public Trunk openTrunk(List<Layer> layers, ComputeDevice device, int threads, Precision precision,
		NetworkListener listener) throws IOException
	{
		Path file = weightsFile(listener);
		return AlexNetTrunk.create(loadWeights(file, listener), file, layers, device, threads, precision,
			listener::gpuFallback);
	}

	/** Reads a weights file, saying so. */
	public static AlexNetWeights loadWeights(Path file, NetworkListener listener) throws IOException {
		listener.status("Loading weights " + file);
		return AlexNetWeights.load(file);
	}
}
