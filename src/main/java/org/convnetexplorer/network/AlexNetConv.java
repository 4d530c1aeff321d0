package org.convnetexplorer.network;

import java.util.Locale;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.UnitField;
import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.weights.AlexNetWeights;

/**
 * The five convolutions of torchvision's AlexNet, each followed by a ReLU; max-pools (3×3, stride 2, no padding) follow
 * conv1, conv2 and conv5. What is AlexNet's own (kernels, strides, paddings, pools) is here, for its trunk and its
 * deconvnet; {@link #layer} is what the rest of the program sees. Its receptive fields are typed in here until they are
 * derived from the rest.
 */
public enum AlexNetConv {
	CONV1(4, 2, UnitField.square(4, -2, 11)),
	CONV2(1, 2, UnitField.square(8, -18, 51)),
	CONV3(1, 1, UnitField.square(16, -34, 99)),
	CONV4(1, 1, UnitField.square(16, -50, 131)),
	CONV5(1, 1, UnitField.square(16, -66, 163));

	/** The max-pool's window and stride. */
	public static final int POOL_WINDOW = 3;
	public static final int POOL_STRIDE = 2;

	public final int units;
	public final int inputChannels;
	public final int kernelSize;
	public final int stride;
	public final int padding;
	private final UnitField field;
	private int inputSide;
	private int mapSide;
	private Layer layer;

	static {
		// The map sizes follow from AlexNet's input size, the kernels, strides, paddings and pools.
		int side = InputSpec.IMAGENET.size();
		for (AlexNetConv conv : values()) {
			conv.inputSide = side;
			conv.mapSide = (side + 2 * conv.padding - conv.kernelSize) / conv.stride + 1;
			conv.layer = new Layer(conv.name().toLowerCase(Locale.ROOT), conv.units, conv.mapSide, conv.mapSide,
				LayerFields.uniform(conv.units, conv.field));
			side = conv.poolsAfter() ? pooledSide(conv.mapSide) : conv.mapSide;
		}
	}

	/** Units, input channels and kernel size are the state dict's ({@link AlexNetWeights#spec}). */
	AlexNetConv(int stride, int padding, UnitField field) {
		AlexNetWeights.LayerSpec spec = AlexNetWeights.spec(name().toLowerCase(Locale.ROOT));
		this.units = spec.outChannels;
		this.inputChannels = spec.inChannels;
		this.kernelSize = spec.kernelSize;
		this.stride = stride;
		this.padding = padding;
		this.field = field;
	}

	/** What the rest of the program sees of this convolution's output (after its ReLU). */
	public Layer layer() {
		return layer;
	}

	/** The convolution of a layer. @throws IllegalArgumentException where it is none of AlexNet's */
	public static AlexNetConv of(Layer layer) {
		for (AlexNetConv conv : values())
			if (conv.layer.equals(layer)) return conv;
		throw new IllegalArgumentException(layer.name() + " is not a layer of the built-in AlexNet");
	}

	/** Side of the convolution's square input at AlexNet's input size. */
	public int inputSide() {
		return inputSide;
	}

	/** Side of the convolution's square output, its layer's feature map. */
	public int mapSide() {
		return mapSide;
	}

	/** Max-pool after this layer's ReLU, before the next convolution. */
	public boolean poolsAfter() {
		return this == CONV1 || this == CONV2 || this == CONV5;
	}

	/** The side of a map after the max-pool. */
	public static int pooledSide(int side) {
		return (side - POOL_WINDOW) / POOL_STRIDE + 1;
	}
}
