package org.convnetexplorer.ij1;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.TextField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.ListSelectionModel;

import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.options.NetworkOptions;

import ij.IJ;

/**
 * The layers of a network as a list to pick from (GoogLeNet has 196): the dialogs' "Choose layers..." button, in
 * ImageJ 1 and Fiji. What is chosen goes into the layers text, which macros give directly.
 */
public final class LayerChooser {

	private LayerChooser() {}

	/**
	 * Reads the model off the event thread, then lists its layers (those the text names already, else its default
	 * layers, selected) and writes the choice into {@code field}.
	 */
	static void chooseInto(TextField field, String model, boolean several) {
		Thread reader = new Thread(() -> {
			Network network = networkOrSay(model);
			if (network == null) return;
			EventQueue.invokeLater(() -> {
				String chosen = choose(field, network, field.getText(), several);
				if (chosen != null) field.setText(chosen);
			});
		}, "convnet-explorer-layers");
		reader.setDaemon(true);
		reader.start();
	}

	/** The network a model text names, or null after saying why it cannot be read. */
	public static Network networkOrSay(String model) {
		try {
			return NetworkOptions.layersOf(model);
		}
		catch (IOException | RuntimeException e) {
			IJ.error("Layers", Failure.wrap("Cannot list the layers: " + e.getMessage()));
			return null;
		}
	}

	/**
	 * Shows the list; on the event thread.
	 *
	 * @param current the layers text as it is: its layers start selected (else the network's default layers)
	 * @return the chosen layers as the text to give, or null when the user cancels
	 */
	public static String choose(Component parent, Network network, String current, boolean several) {
		List<String> names = network.layers().stream().map(Layer::name).collect(Collectors.toList());
		List<String> selected = new ArrayList<>(Arrays.asList(current.split(",")));
		selected.replaceAll(String::trim);
		selected.retainAll(names);
		if (selected.isEmpty()) selected = network.defaultLayers().stream().map(Layer::name).collect(Collectors.toList());
		JList<String> list = new JList<>(names.toArray(new String[0]));
		list.setName("layers");
		list.setSelectionMode(several ? ListSelectionModel.MULTIPLE_INTERVAL_SELECTION :
			ListSelectionModel.SINGLE_SELECTION);
		for (String name : several ? selected : selected.subList(0, Math.min(1, selected.size()))) {
			int index = names.indexOf(name);
			list.addSelectionInterval(index, index);
		}
		list.ensureIndexIsVisible(Math.max(0, list.getMinSelectionIndex()));
		JScrollPane pane = new JScrollPane(list);
		pane.setPreferredSize(new Dimension(420, 360));
		String title = network.name() + ": " + names.size() + " layers" + (several ? " (Ctrl/Shift for several)" : "");
		int answer = JOptionPane.showConfirmDialog(parent, pane, title, JOptionPane.OK_CANCEL_OPTION,
			JOptionPane.PLAIN_MESSAGE);
		if (answer != JOptionPane.OK_OPTION || list.isSelectionEmpty()) return null;
		return String.join(",", list.getSelectedValuesList());
	}
}
