package org.convnetexplorer.explorer.window;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;

import javax.swing.AbstractListModel;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JScrollPane;
import javax.swing.ListCellRenderer;
import javax.swing.ListSelectionModel;

import org.convnetexplorer.explorer.ExplorerModel;
import org.convnetexplorer.explorer.ImageActivations;

/**
 * Every unit of the layer as a thumbnail (its top-1 patch) with its number, in the model's order; arrow keys and
 * clicks select. Units of the image in the source pane (those whose top k hold it) are outlined.
 */
final class UnitGrid extends JScrollPane {

	private static final Color LIT = new Color(255, 170, 0);
	private static final Color SELECTED = new Color(60, 130, 230);

	private final ExplorerModel model;
	private final Thumbnails thumbnails;
	private final JList<Integer> list = new JList<>();
	private final UnitListModel units = new UnitListModel();
	private final JLabel rankedOn = new JLabel();
	private Set<Integer> lit = Set.of();
	private boolean updating;

	UnitGrid(ExplorerModel model, Thumbnails thumbnails) {
		this.model = model;
		this.thumbnails = thumbnails;
		list.setName("units");
		list.setModel(units);
		list.setLayoutOrientation(JList.HORIZONTAL_WRAP);
		list.setVisibleRowCount(-1);
		list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
		list.setFixedCellWidth(Thumbnails.SIDE + 8);
		list.setFixedCellHeight(Thumbnails.SIDE + 20);
		list.setBackground(new Color(40, 40, 40));
		list.setCellRenderer(new Cell());
		list.addListSelectionListener(e -> {
			Integer unit = list.getSelectedValue();
			if (!updating && !e.getValueIsAdjusting() && unit != null && unit != model.unit()) model.selectUnit(unit);
		});
		setViewportView(list);
		rankedOn.setName("rankedOn");
		rankedOn.setBorder(BorderFactory.createEmptyBorder(3, 4, 3, 4));
		setColumnHeaderView(rankedOn);
		getColumnHeader().setVisible(false);
		setPreferredSize(new Dimension(4 * (Thumbnails.SIDE + 8) + 24, 400));
		getVerticalScrollBar().setUnitIncrement(Thumbnails.SIDE / 2);
	}

	JList<Integer> units() {
		return list;
	}

	/** Units outlined as firing on the image in the source pane. */
	void light(Set<Integer> unitsOnImage) {
		lit = Set.copyOf(unitsOnImage);
		list.repaint();
	}

	/** Follows the model: its units, order and selection, and the image it is ranked on. */
	void refresh() {
		updating = true;
		try {
			getColumnHeader().setVisible(model.ranking().isPresent());
			String ranked = model.ranking().map(on -> rankedText(model, on)).orElse("");
			rankedOn.setText("<html>" + ranked.replace("&", "&amp;").replace("<", "&lt;").replace("; ", ";<br>") +
				"</html>");
			rankedOn.setToolTipText(ranked);
			units.set(model.visibleUnits());
			int index = model.visibleUnits().indexOf(model.unit());
			if (index < 0) list.clearSelection();
			else if (list.getSelectedIndex() != index) {
				list.setSelectedIndex(index);
				list.ensureIndexIsVisible(index);
			}
		}
		finally {
			updating = false;
		}
	}

	/** "my photo: 243 of 256 units fire; unit 2 most (0.189)". */
	static String rankedText(ExplorerModel model, ImageActivations on) {
		List<Integer> firing = on.firing(model.layer());
		if (firing.isEmpty()) return "No unit of " + model.layer() + " fires on " + on.image;
		return String.format("%s: %d of %d units fire; unit %d most (%.3g)", on.image, firing.size(), model.units(),
			firing.get(0), on.of(model.layer(), firing.get(0)));
	}

	private static final class UnitListModel extends AbstractListModel<Integer> {
		private List<Integer> units = List.of();

		void set(List<Integer> shown) {
			if (shown.equals(units)) return;
			int old = units.size();
			units = shown;
			if (old > 0) fireIntervalRemoved(this, 0, old - 1);
			if (!shown.isEmpty()) fireIntervalAdded(this, 0, shown.size() - 1);
		}

		@Override
		public int getSize() {
			return units.size();
		}

		@Override
		public Integer getElementAt(int index) {
			return units.get(index);
		}
	}

	/** One unit: its thumbnail (grey while loading; dark for a unit that never fired) and its number below. */
	private final class Cell extends JComponent implements ListCellRenderer<Integer> {
		private int unit;
		private boolean selected;

		Cell() {
			setFont(getFont() == null ? new Font(Font.SANS_SERIF, Font.PLAIN, 11) : getFont().deriveFont(11f));
			setLayout(new BorderLayout());
		}

		@Override
		public Component getListCellRendererComponent(JList<? extends Integer> owner, Integer value, int index,
			boolean isSelected, boolean focus)
		{
			unit = value;
			selected = isSelected;
			setToolTipText(model.layer() + " unit " + unit + (model.summary(unit).fires() ? String.format(
				", highest activation %.3g", model.summary(unit).highestActivation) : ", never fired") +
				model.ranking().map(on -> String.format("; %.3g on %s", on.of(model.layer(), unit), on.image)).orElse(""));
			return this;
		}

		@Override
		protected void paintComponent(Graphics g) {
			int side = Thumbnails.SIDE;
			g.setColor(selected ? SELECTED : new Color(40, 40, 40));
			g.fillRect(0, 0, getWidth(), getHeight());
			if (model.ranking().isEmpty() && lit.contains(unit) && !selected) {
				g.setColor(LIT);
				g.drawRect(2, 2, side + 3, side + 3);
			}
			BufferedImage thumbnail = model.summary(unit).fires() ? thumbnails.get(model.layer(), unit) : null;
			if (thumbnail != null) g.drawImage(thumbnail, 4, 4, null);
			else {
				g.setColor(model.summary(unit).fires() ? new Color(90, 90, 90) : new Color(25, 25, 25));
				g.fillRect(4, 4, side, side);
			}
			model.ranking().ifPresent(on -> paintActivation(g, on));
			g.setColor(selected ? Color.WHITE : new Color(220, 220, 220));
			String number = String.valueOf(unit);
			g.drawString(number, (getWidth() - g.getFontMetrics().stringWidth(number)) / 2, side + 17);
		}

		/** A unit that fires on the ranked image is lit: a frame as bright, a bar as long, as its activation. */
		private void paintActivation(Graphics g, ImageActivations on) {
			float value = on.of(model.layer(), unit);
			float largest = on.largest(model.layer());
			if (value <= 0 || largest <= 0) return;
			float share = value / largest;
			int side = Thumbnails.SIDE;
			g.setColor(new Color(LIT.getRed(), LIT.getGreen(), LIT.getBlue(), Math.round(80 + 175 * share)));
			for (int inset = 0; inset < 3; inset++)
				g.drawRect(1 + inset, 1 + inset, side + 5 - 2 * inset, side + 5 - 2 * inset);
			g.setColor(LIT);
			g.fillRect(4, side, Math.max(2, Math.round(side * share)), 4);
		}
	}
}
