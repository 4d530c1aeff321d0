package org.convnetexplorer.bioimage;

import java.util.List;

import org.convnetexplorer.network.Precision;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.onnx.OnnxModel;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** One image through an imported model, on the CPU in float32: the model's first output, channels first. */
final class ModelOutput {

	private ModelOutput() {}

	/**
	 * The output tensor {@code output} of {@code model} for one {@code channels × height × width} input, as
	 * [1, channels, height, width] (a 2-D output as [1, channels, 1, 1]) in C order.
	 */
	static NpyArray compute(OnnxModel model, String output, float[] input, int channels, int height, int width)
		throws OnnxFormatException
	{
		TensorFlowRuntime.awaitNatives();
		try (Graph graph = new Graph()) {
			Ops tf = Ops.create(graph);
			Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, channels, height,
				width)));
			Operand<TFloat32> nhwc = model.build(tf, in, height, width, List.of(output)).get(output);
			try (Session session = TensorFlowRuntime.newSession(graph, 0, Precision.FLOAT32);
				TFloat32 image = TFloat32.tensorOf(Shape.of(1, channels, height, width)))
			{
				image.asRawTensor().data().asFloats().write(input);
				try (Result fetched = session.runner().feed(in, image).fetch(nhwc).run()) {
					TFloat32 result = (TFloat32) fetched.get(0);
					Shape shape = result.shape();
					int units = (int) shape.size(3);
					int positions = (int) (shape.size(1) * shape.size(2));
					float[] hwc = new float[units * positions];
					result.asRawTensor().data().asFloats().read(hwc);
					float[] chw = new float[hwc.length];
					for (int p = 0; p < positions; p++)
						for (int c = 0; c < units; c++)
							chw[c * positions + p] = hwc[p * units + c];
					return new NpyArray(new long[] { 1, units, shape.size(1), shape.size(2) }, chw);
				}
			}
		}
	}
}
