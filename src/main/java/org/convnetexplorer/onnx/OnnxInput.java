package org.convnetexplorer.onnx;

/**
 * What a model takes: one float tensor, NCHW. Height and width are the model's where it fixes them, else -1 (the
 * caller chooses); the batch is the declared size (usually 1, from torch.onnx.export's default) or -1 where dynamic.
 * Either way the imported graph runs batches of any size.
 */
public final class OnnxInput {

	private final String name;
	private final int channels;
	private final int height;
	private final int width;
	private final long declaredBatch;

	OnnxInput(String name, int channels, int height, int width, long declaredBatch) {
		this.name = name;
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.declaredBatch = declaredBatch;
	}

	public String name() {
		return name;
	}

	public int channels() {
		return channels;
	}

	/** The fixed input height, or -1 where the model leaves it open. */
	public int height() {
		return height;
	}

	/** The fixed input width, or -1 where the model leaves it open. */
	public int width() {
		return width;
	}

	public boolean hasFixedSize() {
		return height > 0 && width > 0;
	}

	/** The batch size the model declares, or -1 where its batch axis is dynamic. */
	public long declaredBatch() {
		return declaredBatch;
	}

	public boolean hasDynamicBatch() {
		return declaredBatch < 0;
	}

	@Override
	public String toString() {
		return name + " [" + (hasDynamicBatch() ? "batch" : Long.toString(declaredBatch)) + ", " + channels + ", "
			+ (height > 0 ? height : "H") + ", " + (width > 0 ? width : "W") + "]";
	}
}
