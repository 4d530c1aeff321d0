package org.convnetexplorer.render;

import net.imglib2.FinalInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;

/**
 * Cuts receptive fields out of one image: ImgLib2 interval views over the zero-extended image, so parts outside the
 * image are black, copied out in bulk (row runs, not pixel by pixel). Make one per image and cut all its fields with
 * it: setting up the bulk copier costs more than a small copy.
 */
public final class PatchCutter {

	private final PrimitiveBlocks<ARGBType> blocks;

	public PatchCutter(RgbImage image) {
		blocks = PrimitiveBlocks.of(Views.extendZero(ArrayImgs.argbs(image.pixels(), image.width(), image.height())));
	}

	/** The box's pixels, packed RGB, row-major, {@code box.width() × box.height()}. */
	public RgbImage cut(Box box) {
		int[] pixels = new int[Math.toIntExact(box.width() * box.height())];
		blocks.copy(new FinalInterval(new long[] { box.x0, box.y0 }, new long[] { box.x1 - 1, box.y1 - 1 }), pixels);
		return new RgbImage((int) box.width(), (int) box.height(), pixels);
	}

	/** One box cut from an image: for a single field; {@link #cut} for many from the same image. */
	public static RgbImage cut(RgbImage image, Box box) {
		return new PatchCutter(image).cut(box);
	}
}
