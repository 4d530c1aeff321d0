package org.convnetexplorer.weights;

/** The kernel and bias of one convolution layer. */
public final class ConvWeights {

	private final String layer;
	private final int outChannels;
	private final int inChannels;
	private final int kernelSize;
	private final float[] kernelOihw;
	private final float[] bias;

	ConvWeights(String layer, int outChannels, int inChannels, int kernelSize, float[] kernelOihw, float[] bias) {
		this.layer = layer;
		this.outChannels = outChannels;
		this.inChannels = inChannels;
		this.kernelSize = kernelSize;
		this.kernelOihw = kernelOihw;
		this.bias = bias;
	}

	/** "conv1" to "conv5". */
	public String layer() {
		return layer;
	}

	public int outChannels() {
		return outChannels;
	}

	public int inChannels() {
		return inChannels;
	}

	/** Height and width of the square kernel. */
	public int kernelSize() {
		return kernelSize;
	}

	/**
	 * The kernel as [outChannels][inChannels][kernelSize][kernelSize], row-major, as PyTorch
	 * stores it. A fresh copy on each call.
	 */
	public float[] kernelOihw() {
		return kernelOihw.clone();
	}

	/** One value per output channel. A fresh copy on each call. */
	public float[] bias() {
		return bias.clone();
	}

	@Override
	public String toString() {
		return layer + " " + outChannels + "x" + inChannels + "x" + kernelSize + "x" + kernelSize;
	}
}
