package org.convnetexplorer.explorer.window;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.swing.JComponent;

import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.visualize.VisualizationStack;

/**
 * The selected unit's feature visualisation (the image {@code visualize} optimised for it), beside its patches, as
 * OpenAI Microscope shows a unit; hidden for a unit the run has none of. A layer's stack is read once.
 */
final class VisualizationPane extends JComponent {

	private static final int SIDE = 200;

	private final RunResults run;
	private final Consumer<String> say;
	private final Map<String, Map<Integer, RgbImage>> layers = new HashMap<>();
	private BufferedImage picture;
	private String caption = "";

	VisualizationPane(RunResults run, Consumer<String> say) {
		this.run = run;
		this.say = say;
		setName("visualization");
		setPreferredSize(new Dimension(SIDE + 16, SIDE + 40));
		setVisible(false);
	}

	/** Shows the unit's image where the run has one, else hides. */
	void show(String layer, int unit) {
		RgbImage image = layer(layer).get(unit);
		picture = image == null ? null : Pictures.of(image);
		caption = "feature visualisation";
		setToolTipText(image == null ? null : layer + " unit " + unit + ": the image optimised to excite it most " +
			"(visualize), from " + run.folder.resolve(org.convnetexplorer.results.LayerFiles.visualization(layer)));
		setVisible(image != null);
		revalidate();
		repaint();
	}

	/** The picture shown; null when hidden. */
	BufferedImage picture() {
		return picture;
	}

	private Map<Integer, RgbImage> layer(String layer) {
		return layers.computeIfAbsent(layer, name -> {
			try {
				return VisualizationStack.read(run.folder, name);
			}
			catch (IOException | RuntimeException e) {
				say.accept("No feature visualisations for " + name + ": " + e.getMessage());
				return Map.of();
			}
		});
	}

	@Override
	protected void paintComponent(Graphics graphics) {
		Graphics2D g = (Graphics2D) graphics;
		g.setColor(new Color(48, 48, 48));
		g.fillRect(0, 0, getWidth(), getHeight());
		if (picture == null) return;
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		int side = Math.min(getWidth() - 16, getHeight() - 40);
		g.drawImage(picture, 8, 8, side, side, null);
		g.setColor(new Color(225, 225, 225));
		g.setFont(g.getFont().deriveFont(11f));
		g.drawString(caption, 8, 8 + side + 14);
	}
}
