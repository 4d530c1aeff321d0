package org.convnetexplorer.ij1;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.TextField;
import java.io.IOException;
import java.nio.file.Paths;
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
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.runfile.RunKeys;

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

	/**
	 * As {@link #chooseInto}, from the layers a finished run scanned (deconvnet projections: only those have
	 * winners), all selected unless the text names some.
	 */
	static void chooseScannedInto(TextField field, String runFolder, boolean several) {
		List<String> scanned = scannedOrSay(runFolder);
		if (scanned != null) {
			String chosen = choose(field, "the run's", scanned, scanned, field.getText(), several);
			if (chosen != null) field.setText(chosen);
		}
	}

	/** The layers the run in a folder scanned, or null after saying why they cannot be read. */
	public static List<String> scannedOrSay(String runFolder) {
		try {
			if (runFolder == null || runFolder.isBlank()) throw new IOException("choose the run's output folder first");
			return RunJson.read(Paths.get(runFolder.trim())).strings(RunKeys.LAYERS);
		}
		catch (IOException | RuntimeException e) {
			IJ.error("Layers", Failure.wrap("Cannot list the run's layers: " + e.getMessage()));
			return null;
		}
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
		return choose(parent, network.name(), network.layers().stream().map(Layer::name).collect(Collectors.toList()),
			network.defaultLayers().stream().map(Layer::name).collect(Collectors.toList()), current, several);
	}

	/**
	 * Shows the list of {@code names}; on the event thread.
	 *
	 * @param owner whose layers they are, for the title
	 * @param defaults the layers selected where {@code current} names none of them
	 */
	public static String choose(Component parent, String owner, List<String> names, List<String> defaults,
		String current, boolean several)
	{
		List<String> selected = new ArrayList<>(Arrays.asList(current.split(",")));
		selected.replaceAll(String::trim);
		selected.retainAll(names);
		if (selected.isEmpty()) selected = defaults;
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
		String title = owner + ": " + names.size() + " layers" + (several ? " (Ctrl/Shift for several)" : "");
		int answer = JOptionPane.showConfirmDialog(parent, pane, title, JOptionPane.OK_CANCEL_OPTION,
			JOptionPane.PLAIN_MESSAGE);
		if (answer != JOptionPane.OK_OPTION || list.isSelectionEmpty()) return null;
		return String.join(",", list.getSelectedValuesList());
	}
}
