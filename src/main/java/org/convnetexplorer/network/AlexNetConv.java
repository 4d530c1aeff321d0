package org.convnetexplorer.network;

import java.util.Locale;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.SlidingWindow;
import org.convnetexplorer.geometry.UnitField;
import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.weights.AlexNetWeights;

/**
 * The five convolutions of torchvision's AlexNet, each followed by a ReLU; max-pools ({@link #POOL}) follow conv1, conv2
 * and conv5. What is AlexNet's own (kernels, strides, paddings, pools) is here, for its trunk and its deconvnet;
 * {@link #layer} is what the rest of the program sees. Map sizes and receptive fields are derived from these with
 * {@link SlidingWindow}, as for any imported model.
 */
public enum AlexNetConv {
	CONV1(4, 2),
	CONV2(1, 2),
	CONV3(1, 1),
	CONV4(1, 1),
	CONV5(1, 1);

	/** The max-pool: 3×3, stride 2, no padding (both axes alike). */
	public static final SlidingWindow POOL = SlidingWindow.of(3, 2, 0);

	public final int units;
	public final int inputChannels;
	public final int kernelSize;
	public final int stride;
	public final int padding;
	private int inputSide;
	private int mapSide;
	private Layer layer;

	static {
		// Map sizes and fields follow from AlexNet's input size, the kernels, strides, paddings and pools.
		int side = InputSpec.IMAGENET.size();
		UnitField field = UnitField.PIXEL;
		for (AlexNetConv conv : values()) {
			SlidingWindow window = conv.window();
			conv.inputSide = side;
			conv.mapSide = Math.toIntExact(window.outputLength(side));
			field = field.window(window, window);
			conv.layer = new Layer(conv.name().toLowerCase(Locale.ROOT), conv.units, conv.mapSide, conv.mapSide,
				LayerFields.uniform(conv.units, field));
			side = conv.mapSide;
			if (conv.poolsAfter()) {
				side = Math.toIntExact(POOL.outputLength(side));
				field = field.window(POOL, POOL);
			}
		}
	}

	/** Units, input channels and kernel size are the state dict's ({@link AlexNetWeights#spec}). */
	AlexNetConv(int stride, int padding) {
		AlexNetWeights.LayerSpec spec = AlexNetWeights.spec(name().toLowerCase(Locale.ROOT));
		this.units = spec.outChannels;
		this.inputChannels = spec.inChannels;
		this.kernelSize = spec.kernelSize;
		this.stride = stride;
		this.padding = padding;
	}

	/** The convolution along either axis. */
	public SlidingWindow window() {
		return SlidingWindow.of(kernelSize, stride, padding);
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
}
