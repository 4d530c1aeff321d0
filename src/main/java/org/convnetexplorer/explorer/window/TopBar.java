package org.convnetexplorer.explorer.window;

import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.util.function.Consumer;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

import org.convnetexplorer.explorer.ExplorerModel;
import org.convnetexplorer.explorer.UnitSort;
import org.convnetexplorer.results.RunResults;

/**
 * The run and its network (read-only), the layer chooser (PgUp/PgDn; long names shortened, the whole on hover), the
 * unit field (0-based, Enter jumps), the grid's order, hiding units that never fired and the image-name filter.
 */
final class TopBar extends JPanel {

	final JComboBox<String> layer = new JComboBox<>();
	final JTextField unit = new JTextField(5);
	final JComboBox<UnitSort> sort = new JComboBox<>(UnitSort.values());
	final JCheckBox hideSilent = new JCheckBox("Hide units that never fire");
	final JTextField filter = new JTextField(12);
	private final ExplorerModel model;
	private final JLabel unitsLabel = new JLabel();
	private boolean updating;

	/** @param say shows a message in the window's message line */
	TopBar(ExplorerModel model, Consumer<String> say) {
		this.model = model;
		setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
		setBorder(BorderFactory.createEmptyBorder(4, 6, 2, 6));
		add(runLine(model.run));
		add(controls(say));
	}

	private static JPanel runLine(RunResults run) {
		JPanel line = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 2));
		JLabel name = new JLabel(run.name() + (run.partial ? "  (partial: stopped before the end)" : "") +
			(run.merged ? "  (merged from shards)" : ""));
		name.setName("run");
		name.setFont(name.getFont().deriveFont(Font.BOLD));
		name.setToolTipText(run.folder.toString());
		JLabel network = new JLabel((run.builtInAlexNet ? "AlexNet, weights " : "model ") + fileName(run.network) +
			"  ·  top " + run.top + "  ·  images in " + lastTwo(run.imagesFolder));
		network.setName("network");
		network.setToolTipText(run.network + ", images from " + run.imagesFolder);
		line.add(name);
		line.add(network);
		return line;
	}

	private JPanel controls(Consumer<String> say) {
		layerChooser();
		unitField(say);
		sort.setName("sort");
		sort.addActionListener(e -> {
			if (updating) return;
			try {
				model.setSort((UnitSort) sort.getSelectedItem());
			}
			catch (IllegalArgumentException problem) {
				say.accept(problem.getMessage());
				refresh();
			}
		});
		hideSilent.setName("hideSilent");
		hideSilent.addActionListener(e -> {
			if (!updating) model.setHideSilent(hideSilent.isSelected());
		});
		imageFilter();
		JPanel line = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
		line.add(new JLabel("Layer"));
		line.add(layer);
		line.add(new JLabel("Unit"));
		line.add(unit);
		line.add(unitsLabel);
		line.add(new JLabel("  Sort by"));
		line.add(sort);
		line.add(hideSilent);
		line.add(new JLabel("  Image name"));
		line.add(filter);
		return line;
	}

	/** The layers, long names shortened in the list, the whole name as the tooltip. */
	private void layerChooser() {
		for (String name : model.layers())
			layer.addItem(name);
		layer.setName("layer");
		layer.setRenderer(new DefaultListCellRenderer() {
			private static final long serialVersionUID = 1L;

			@Override
			public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
				boolean focus)
			{
				super.getListCellRendererComponent(list, value, index, selected, focus);
				setText(value == null ? "" : ExplorerModel.shortName(value.toString()));
				setToolTipText(value == null ? null : value.toString());
				return this;
			}
		});
		layer.addActionListener(e -> {
			if (!updating && layer.getSelectedItem() != null) model.selectLayer((String) layer.getSelectedItem());
		});
	}

	private void unitField(Consumer<String> say) {
		unit.setName("unit");
		unit.setToolTipText("Unit number, 0-based: Enter goes there");
		unit.addActionListener(e -> {
			try {
				model.selectUnit(Integer.parseInt(unit.getText().trim()));
			}
			catch (IllegalArgumentException problem) {
				say.accept(problem instanceof NumberFormatException ? "Not a unit number: " + unit.getText()
					: problem.getMessage());
			}
		});
	}

	private void imageFilter() {
		filter.setName("filter");
		filter.setToolTipText("Only units with an image whose name holds this text among their top patches");
		filter.getDocument().addDocumentListener(new DocumentListener() {
			@Override
			public void insertUpdate(DocumentEvent e) {
				if (!updating) model.setImageFilter(filter.getText());
			}

			@Override
			public void removeUpdate(DocumentEvent e) {
				if (!updating) model.setImageFilter(filter.getText());
			}

			@Override
			public void changedUpdate(DocumentEvent e) {}
		});
	}

	/** Follows the model (without echoing its changes back). */
	void refresh() {
		updating = true;
		try {
			layer.setSelectedItem(model.layer());
			layer.setToolTipText(model.layer() + " (PgUp/PgDn change the layer)");
			if (!unit.isFocusOwner() || !unit.getText().trim().equals(String.valueOf(model.unit())))
				unit.setText(String.valueOf(model.unit()));
			unitsLabel.setText("of 0–" + (model.units() - 1) + " (" + model.visibleUnits().size() + " shown, " +
				model.silentUnits() + " never fire)");
			sort.setSelectedItem(model.sort());
			hideSilent.setSelected(model.hideSilent());
			if (!filter.getText().trim().equals(model.imageFilter())) filter.setText(model.imageFilter());
		}
		finally {
			updating = false;
		}
	}

	/** "demo/images" of /home/me/demo/images: enough to recognise the folder (the whole path on hover). */
	private static String lastTwo(java.nio.file.Path folder) {
		int names = folder.getNameCount();
		return names < 2 ? folder.toString() : folder.subpath(names - 2, names).toString();
	}

	private static String fileName(String path) {
		int slash = path.lastIndexOf('/');
		return slash < 0 ? path : path.substring(slash + 1);
	}
}
