package org.convnetexplorer.onnx.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The operators the importer computes, by ONNX name (default domain): the one list of what is supported, which
 * docs/models.md repeats (a test holds them equal). Adding an operator is a class and a line here.
 */
public final class Operators {

	private static final Map<String, Operator> BY_NAME = new LinkedHashMap<>();

	static {
		add("Conv", new Conv());
		add("MaxPool", new Pool(true));
		add("AveragePool", new Pool(false));
		add("GlobalAveragePool", new Reductions.GlobalPool(false));
		add("GlobalMaxPool", new Reductions.GlobalPool(true));
		add("ReduceMean", new Reductions.ReduceMean());
		add("BatchNormalization", new Normalization.BatchNorm());
		add("LRN", new Normalization.Lrn());
		add("Softmax", new Normalization.Softmax());
		add("LayerNormalization", new LayerNorm());
		add("Relu", Activation.RELU);
		add("LeakyRelu", Activation.LEAKY_RELU);
		add("Clip", Activation.CLIP);
		add("HardSwish", Activation.HARD_SWISH);
		add("Tanh", Activation.TANH);
		add("Sigmoid", Activation.SIGMOID);
		add("HardSigmoid", Activation.HARD_SIGMOID);
		add("Sqrt", Activation.SQRT);
		add("Erf", Activation.ERF);
		add("Add", Arithmetic.ADD);
		add("Sub", Arithmetic.SUB);
		add("Mul", Arithmetic.MUL);
		add("Div", Arithmetic.DIV);
		add("Pow", Arithmetic.POW);
		add("Concat", new Concat());
		add("Split", new Split());
		add("Pad", new Pad());
		add("Gemm", new MatrixProduct(true));
		add("MatMul", new MatrixProduct(false));
		add("Identity", new Reshapes.Identity());
		add("Dropout", new Reshapes.Dropout());
		add("Flatten", new Reshapes.Flatten());
		add("Reshape", new Reshape());
		add("Transpose", new Reshapes.Transpose());
		add("Squeeze", new Reshapes.Squeeze(false));
		add("Unsqueeze", new Reshapes.Squeeze(true));
		add("Constant", new ShapeFolding.Constant());
		add("Shape", new ShapeFolding.ShapeOf());
		add("Gather", new ShapeFolding.Gather());
		add("Cast", new ShapeFolding.Cast());
		add("Slice", new Slice());
		add("ConstantOfShape", new ShapeFolding.ConstantOfShape());
		add("Resize", new Resize(false));
		add("Upsample", new Resize(true));
		add("ConvTranspose", new ConvTranspose());
	}

	private Operators() {
	}

	private static void add(String name, Operator operator) {
		if (BY_NAME.put(name, operator) != null) throw new IllegalStateException(name + " registered twice");
	}

	/** The operator of that ONNX name, or null where it is not supported. */
	public static Operator of(String opType) {
		return BY_NAME.get(opType);
	}

	/** Every supported operator's name. */
	public static Set<String> names() {
		return Collections.unmodifiableSet(BY_NAME.keySet());
	}

	/**
	 * Whether the operator is an activation whose outputs are default layers (where they follow a convolution or a
	 * residual Add): Relu, LeakyRelu, Clip, HardSwish, Tanh; not the gates Sigmoid and HardSigmoid.
	 */
	public static boolean isDefaultLayerActivation(String opType) {
		Operator operator = BY_NAME.get(opType);
		return operator != null && operator.isDefaultLayerActivation();
	}
}
