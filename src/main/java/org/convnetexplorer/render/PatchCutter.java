package org.convnetexplorer.render;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;

/** Cuts a receptive field out of an original image: an ImgLib2 view over the zero-extended image, so parts outside are black. */
public final class PatchCutter {

	private PatchCutter() {}

	/** The box's pixels, packed RGB, row-major, {@code box.width() × box.height()}. */
	public static RgbImage cut(RgbImage image, Box box) {
		ArrayImg<ARGBType, IntArray> source = ArrayImgs.argbs(image.pixels(), image.width(), image.height());
		RandomAccessibleInterval<ARGBType> field = Views.interval(Views.extendZero(source),
			new long[] { box.x0, box.y0 }, new long[] { box.x1 - 1, box.y1 - 1 });
		int width = Math.toIntExact(box.width());
		int height = Math.toIntExact(box.height());
		int[] pixels = new int[width * height];
		LoopBuilder.setImages(Views.zeroMin(field), ArrayImgs.argbs(pixels, width, height))
			.forEachPixel((from, to) -> to.set(from));
		return new RgbImage(width, height, pixels);
	}
}
