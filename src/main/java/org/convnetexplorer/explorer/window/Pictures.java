package org.convnetexplorer.explorer.window;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.convnetexplorer.images.RgbImage;

/** Our RGB images as Swing draws them. */
final class Pictures {

	private Pictures() {}

	static BufferedImage of(RgbImage image) {
		BufferedImage picture = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
		picture.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
		return picture;
	}

	/** A smaller copy, smoothed, for thumbnails that stay in memory. */
	static BufferedImage scaled(BufferedImage picture, int side) {
		BufferedImage small = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = small.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(picture, 0, 0, side, side, null);
		g.dispose();
		return small;
	}
}
