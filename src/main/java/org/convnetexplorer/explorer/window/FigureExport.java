package org.convnetexplorer.explorer.window;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.convnetexplorer.explorer.UnitAddress;
import org.convnetexplorer.network.Layer;

/** The selected unit's patches (and projections, as shown) as a labelled PNG: the lecture's figure for one unit. */
final class FigureExport {

	private static final int TITLE_HEIGHT = 28;

	private FigureExport() {}

	static String defaultName(UnitAddress address) {
		return Layer.fileNameOf(address.layer) + "-unit" + address.unit + "-figure.png";
	}

	static BufferedImage render(ExplorerWindow window) {
		PatchesPane pane = window.patches;
		int side = 180;
		int pictures = pane.mode() == PatchesPane.Mode.BOTH ? 2 : 1;
		int columns = (int) Math.ceil(Math.sqrt(window.model.run.top));
		int rows = (window.model.run.top + columns - 1) / columns;
		int width = columns * (pictures * side + 8) + 8;
		int height = rows * (side + 24) + 8;
		BufferedImage figure = new BufferedImage(width, height + TITLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = figure.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(new Color(48, 48, 48));
		g.fillRect(0, 0, width, TITLE_HEIGHT);
		g.setColor(Color.WHITE);
		g.setFont(g.getFont().deriveFont(14f));
		g.drawString(window.model.run.name() + " · " + window.model.address(), 8, 19);
		Graphics2D body = (Graphics2D) g.create(0, TITLE_HEIGHT, width, height);
		// The pane draws itself at the figure's size, then goes back to the window's.
		Dimension old = pane.getSize();
		pane.setSize(width, height);
		pane.paint(body);
		pane.setSize(old);
		body.dispose();
		g.dispose();
		return figure;
	}

	static void write(ExplorerWindow window, Path file) throws IOException {
		BufferedImage figure = render(window);
		try (OutputStream out = Files.newOutputStream(file)) {
			if (!ImageIO.write(figure, "png", out)) throw new IOException("no PNG writer in this Java");
		}
	}
}
