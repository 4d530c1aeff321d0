package org.convnetexplorer.explorer.window;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import javax.swing.JComponent;

import org.convnetexplorer.geometry.Box;

/**
 * The clicked patch's whole source image, scaled to fit, with the receptive field as a rectangle (which may reach past
 * the border, as the network saw it) and a cross at the field's centre, where the unit's maximum is; or zoomed to the
 * field. An occlusion map replaces the picture while shown, with its colour bar and scale.
 */
final class SourcePane extends JComponent {

	private static final Color FIELD = new Color(255, 220, 0);

	private BufferedImage image;
	private Box field;
	private boolean zoomToField;
	private String text = "Click a patch to see it in its image";
	private OcclusionPicture occlusion;

	/** An occlusion map over the network's input, and the size of its largest drop for the colour bar. */
	static final class OcclusionPicture {
		final BufferedImage overlay;
		final float largestDrop;
		final String caption;

		OcclusionPicture(BufferedImage overlay, float largestDrop, String caption) {
			this.overlay = overlay;
			this.largestDrop = largestDrop;
			this.caption = caption;
		}
	}

	SourcePane() {
		setName("source");
		setPreferredSize(new Dimension(480, 480));
		setMinimumSize(new Dimension(200, 200));
	}

	void show(BufferedImage picture, Box box) {
		image = picture;
		field = box;
		occlusion = null;
		repaint();
	}

	void showText(String message) {
		image = null;
		field = null;
		occlusion = null;
		text = message;
		repaint();
	}

	/** Shows an occlusion map over the picture; null shows the picture again. */
	void showOcclusion(OcclusionPicture picture) {
		occlusion = picture;
		repaint();
	}

	void setZoomToField(boolean zoom) {
		zoomToField = zoom;
		repaint();
	}

	boolean showsOcclusion() {
		return occlusion != null;
	}

	BufferedImage image() {
		return image;
	}

	/** Where the field is drawn, in the pane's pixels; null when no image is shown. */
	Rectangle fieldOnScreen() {
		if (image == null || field == null) return null;
		return transform().createTransformedShape(new Rectangle2D.Double(field.x0, field.y0, field.width(),
			field.height())).getBounds();
	}

	/**
	 * Image pixels to the pane's: the whole image and the whole field (which may reach past the image) fitted and
	 * centred, or the field alone, zoomed.
	 */
	private AffineTransform transform() {
		Rectangle2D whole = new Rectangle2D.Double(0, 0, image.getWidth(), image.getHeight());
		Rectangle2D fieldBounds = field == null ? whole
			: new Rectangle2D.Double(field.x0, field.y0, field.width(), field.height());
		Rectangle2D shown = zoomToField ? fieldBounds : whole.createUnion(fieldBounds);
		double scale = Math.min((getWidth() - 16) / shown.getWidth(), (getHeight() - 16) / shown.getHeight());
		AffineTransform transform = new AffineTransform();
		transform.translate(getWidth() / 2.0, getHeight() / 2.0);
		transform.scale(scale, scale);
		transform.translate(-shown.getCenterX(), -shown.getCenterY());
		return transform;
	}

	@Override
	protected void paintComponent(Graphics graphics) {
		Graphics2D g = (Graphics2D) graphics.create();
		g.setColor(new Color(30, 30, 30));
		g.fillRect(0, 0, getWidth(), getHeight());
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		if (occlusion != null) paintOcclusion(g);
		else if (image == null) {
			g.setColor(Color.LIGHT_GRAY);
			g.drawString(text, 16, 28);
		}
		else paintSource(g);
		g.dispose();
	}

	private void paintSource(Graphics2D g) {
		AffineTransform transform = transform();
		Graphics2D picture = (Graphics2D) g.create();
		picture.clipRect(0, 0, getWidth(), getHeight());
		picture.transform(transform);
		picture.drawImage(image, 0, 0, null);
		picture.dispose();
		if (field == null) return;
		Rectangle box = fieldOnScreen();
		g.setStroke(new BasicStroke(2));
		g.setColor(Color.BLACK);
		g.drawRect(box.x - 1, box.y - 1, box.width + 2, box.height + 2);
		g.setColor(FIELD);
		g.drawRect(box.x, box.y, box.width, box.height);
		int cx = (int) Math.round(box.getCenterX());
		int cy = (int) Math.round(box.getCenterY());
		int arm = Math.max(5, Math.min(12, box.width / 6));
		g.drawLine(cx - arm, cy, cx + arm, cy);
		g.drawLine(cx, cy - arm, cx, cy + arm);
	}

	/** The overlay fitted above a colour bar from the largest rise (blue) through 0 to the largest drop (red). */
	private void paintOcclusion(Graphics2D g) {
		int barHeight = 44;
		int side = Math.min(getWidth() - 16, getHeight() - barHeight - 24);
		int x = (getWidth() - side) / 2;
		g.drawImage(occlusion.overlay, x, 8, side, side, null);
		int barY = 8 + side + 8;
		for (int i = 0; i < side; i++) {
			double value = 2.0 * i / (side - 1) - 1;
			Color colour = value > 0 ? new Color(255, 0, 0, (int) (255 * 0.7 * value))
				: new Color(0, 96, 255, (int) (255 * 0.7 * -value));
			g.setColor(Color.GRAY);
			g.drawLine(x + i, barY, x + i, barY + 12);
			g.setColor(colour);
			g.drawLine(x + i, barY, x + i, barY + 12);
		}
		g.setColor(Color.LIGHT_GRAY);
		g.setFont(g.getFont().deriveFont(11f));
		String left = String.format("−%.3g (rise)", occlusion.largestDrop);
		String right = String.format("%.3g (drop)", occlusion.largestDrop);
		g.drawString(left, x, barY + 26);
		g.drawString("0", x + side / 2 - 3, barY + 26);
		g.drawString(right, x + side - g.getFontMetrics().stringWidth(right), barY + 26);
		String caption = occlusion.caption;
		while (caption.length() > 4 && g.getFontMetrics().stringWidth(caption) > side)
			caption = caption.substring(0, caption.length() - 2) + "…";
		g.drawString(caption, x, barY + 40);
	}
}
