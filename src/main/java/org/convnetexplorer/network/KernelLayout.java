package org.convnetexplorer.network;

/** Convolution kernels from PyTorch's and ONNX's layout [out, in, h, w] to TensorFlow's [h, w, in, out]. */
public final class KernelLayout {

	private KernelLayout() {
	}

	/**
	 * Output channels {@code from .. from + count} of an [out, in, kh, kw] kernel as [kh, kw, in, count]. A depthwise
	 * kernel [C × m, 1, kh, kw] so converted holds TF's depthwise layout [kh, kw, C, m] as it is.
	 */
	public static float[] oihwToHwio(float[] oihw, int from, int count, int in, int kh, int kw) {
		float[] hwio = new float[kh * kw * in * count];
		for (int o = 0; o < count; o++)
			for (int i = 0; i < in; i++)
				for (int y = 0; y < kh; y++)
					for (int x = 0; x < kw; x++)
						hwio[((y * kw + x) * in + i) * count + o] = oihw[(((from + o) * in + i) * kh + y) * kw + x];
		return hwio;
	}
}
