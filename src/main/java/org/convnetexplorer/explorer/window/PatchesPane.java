package org.convnetexplorer.explorer.window;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.IntConsumer;

import javax.swing.JComponent;

import org.convnetexplorer.explorer.ExplorerModel;
import org.convnetexplorer.results.TopkRow;

/**
 * The selected unit's k patches scaled to fit, in rank order, each labelled rank · activation · image name; with
 * projections, each projection beside its own patch (or alone). A click on a cell shows that patch's source image.
 */
final class PatchesPane extends JComponent {

	/** What the pane draws for each rank. */
	enum Mode {
		PATCHES("Patches"), PROJECTIONS("Projections"), BOTH("Both");

		final String label;

		Mode(String label) {
			this.label = label;
		}
	}

	private static final int LABEL_HEIGHT = 16;
	private static final int GAP = 8;

	private final IntConsumer clicked;
	private List<TopkRow> rows = List.of();
	private List<BufferedImage> patches = List.of();
	private List<BufferedImage> projections;
	private int shownRank;
	private int top = 9;
	private Mode mode = Mode.PATCHES;
	private String emptyText = "";

	/** @param clicked gets the rank of a clicked patch */
	PatchesPane(IntConsumer clicked) {
		this.clicked = clicked;
		setName("patches");
		setPreferredSize(new Dimension(520, 560));
		setMinimumSize(new Dimension(240, 240));
		addMouseListener(new MouseAdapter() {
			@Override
			public void mousePressed(MouseEvent e) {
				int rank = rankAt(e.getX(), e.getY());
				if (rank > 0 && rank <= rows.size()) clicked.accept(rank);
			}
		});
	}

	/** A unit's rows and its patches (cells of the stack); projections null where none are shown or known. */
	void show(List<TopkRow> unitRows, List<BufferedImage> unitPatches, List<BufferedImage> unitProjections, int k,
		int rank, String whenEmpty)
	{
		rows = unitRows;
		patches = unitPatches;
		projections = unitProjections;
		top = k;
		shownRank = rank;
		emptyText = whenEmpty;
		repaint();
	}

	void setMode(Mode shown) {
		mode = shown;
		repaint();
	}

	Mode mode() {
		return mode;
	}

	/** The cell of a rank (1-based) on screen: where a click chooses it. */
	Rectangle cellOf(int rank) {
		int columns = columns();
		int side = side();
		int index = rank - 1;
		int width = side * pictures() + (pictures() - 1) * 2;
		return new Rectangle(GAP + index % columns * (width + GAP), GAP + index / columns * (side + LABEL_HEIGHT + GAP),
			width, side);
	}

	private int rankAt(int x, int y) {
		for (int rank = 1; rank <= rows.size(); rank++)
			if (cellOf(rank).contains(x, y)) return rank;
		return -1;
	}

	/** The number of columns that gives the largest pictures in the pane (3 for nine patches in a square pane). */
	private int columns() {
		int best = 1;
		for (int columns = 2; columns <= top; columns++)
			if (sideFor(columns) > sideFor(best)) best = columns;
		return best;
	}

	private int pictures() {
		return mode == Mode.BOTH ? 2 : 1;
	}

	/** The side of one picture: the grid fills the pane, cells square. */
	private int side() {
		return sideFor(columns());
	}

	private int sideFor(int columns) {
		int gridRows = (top + columns - 1) / columns;
		int byWidth = ((getWidth() - (columns + 1) * GAP) / columns - (pictures() - 1) * 2) / pictures();
		int byHeight = (getHeight() - (gridRows + 1) * GAP) / gridRows - LABEL_HEIGHT;
		return Math.max(16, Math.min(byWidth, byHeight));
	}

	@Override
	protected void paintComponent(Graphics graphics) {
		Graphics2D g = (Graphics2D) graphics;
		g.setColor(new Color(48, 48, 48));
		g.fillRect(0, 0, getWidth(), getHeight());
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		if (rows.isEmpty()) {
			g.setColor(Color.LIGHT_GRAY);
			g.drawString(emptyText, GAP * 2, GAP * 4);
			return;
		}
		int side = side();
		for (TopkRow row : rows) {
			Rectangle cell = cellOf(row.rank);
			int x = cell.x;
			if (mode != Mode.PROJECTIONS) {
				drawPicture(g, picture(patches, row.rank), x, cell.y, side);
				x += side + 2;
			}
			if (mode != Mode.PATCHES) drawPicture(g, picture(projections, row.rank), x, cell.y, side);
			if (row.rank == shownRank) {
				g.setColor(new Color(60, 130, 230));
				g.setStroke(new BasicStroke(3));
				g.drawRect(cell.x - 2, cell.y - 2, cell.width + 3, cell.height + 3);
			}
			g.setColor(new Color(225, 225, 225));
			g.setFont(g.getFont().deriveFont(11f));
			String label = ExplorerModel.label(row);
			while (label.length() > 4 && g.getFontMetrics().stringWidth(label) > cell.width)
				label = label.substring(0, label.length() - 2) + "…";
			g.drawString(label, cell.x, cell.y + side + 12);
		}
	}

	private static BufferedImage picture(List<BufferedImage> pictures, int rank) {
		return pictures == null || rank > pictures.size() ? null : pictures.get(rank - 1);
	}

	private static void drawPicture(Graphics2D g, BufferedImage picture, int x, int y, int side) {
		if (picture == null) {
			g.setColor(new Color(70, 70, 70));
			g.fillRect(x, y, side, side);
		}
		else g.drawImage(picture, x, y, side, side, null);
	}
}
