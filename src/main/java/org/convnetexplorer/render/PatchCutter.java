package org.convnetexplorer.render;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;

/**
 * Cuts a receptive field out of an original image: an ImgLib2 interval view over the zero-extended image, so parts
 * outside the image are black, copied out in bulk (row runs, not pixel by pixel).
 */
public final class PatchCutter {

	private PatchCutter() {}

	/** The box's pixels, packed RGB, row-major, {@code box.width() × box.height()}. */
	public static RgbImage cut(RgbImage image, Box box) {
		RandomAccessibleInterval<ARGBType> field = Views.interval(
			Views.extendZero(ArrayImgs.argbs(image.pixels(), image.width(), image.height())),
			new FinalInterval(new long[] { box.x0, box.y0 }, new long[] { box.x1 - 1, box.y1 - 1 }));
		int[] pixels = new int[Math.toIntExact(box.width() * box.height())];
		PrimitiveBlocks.of(field).copy(field, pixels);
		return new RgbImage((int) box.width(), (int) box.height(), pixels);
	}
}
