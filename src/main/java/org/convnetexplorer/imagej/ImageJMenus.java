package org.convnetexplorer.imagej;

import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.IJ;
import ij.ImageJ;
import ij.Menus;

/**
 * The ConvNet Explorer menu for an ImageJ 1 started by us ({@code show}, {@code scripts/demo}): ImageJ 1 reads
 * plugins.config only from jars in its plugins folder, never from the class path, so this adds the entries of the
 * plugins.config on the class path to Plugins › ConvNet Explorer itself. Entries ImageJ already has are left alone.
 */
public final class ImageJMenus {

	static final String CONFIG = "/plugins.config";
	private static final Pattern ENTRY = Pattern.compile("^Plugins>([^,]+),\\s*\"([^\"]+)\",\\s*(\\S+)\\s*$");

	private ImageJMenus() {}

	/** One line of plugins.config: submenu, label, class. */
	static final class Entry {
		final String submenu;
		final String label;
		final String className;

		Entry(String submenu, String label, String className) {
			this.submenu = submenu;
			this.label = label;
			this.className = className;
		}
	}

	/** The entries of the plugins.config on the class path. */
	static List<Entry> entries() throws IOException {
		List<Entry> entries = new ArrayList<>();
		try (InputStream in = ImageJMenus.class.getResourceAsStream(CONFIG)) {
			if (in == null) throw new IOException("no " + CONFIG + " on the class path");
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = lines.readLine()) != null;) {
				Matcher entry = ENTRY.matcher(line.trim());
				if (entry.matches()) entries.add(new Entry(entry.group(1), entry.group(2), entry.group(3)));
			}
		}
		return entries;
	}

	/** Adds the entries to the running ImageJ's menu bar (call on the event thread, after {@code new ImageJ()}). */
	@SuppressWarnings("unchecked")
	public static void install() {
		ImageJ imagej = IJ.getInstance();
		MenuBar bar = Menus.getMenuBar();
		if (imagej == null || bar == null) return;
		try {
			Hashtable<String, String> commands = Menus.getCommands();
			Menu plugins = menu(bar, "Plugins");
			for (Entry entry : entries()) {
				if (commands.containsKey(entry.label) || plugins == null) continue;
				Menu submenu = submenu(plugins, entry.submenu);
				MenuItem item = new MenuItem(entry.label);
				item.addActionListener(imagej);
				submenu.add(item);
				commands.put(entry.label, entry.className);
			}
		}
		catch (IOException e) {
			IJ.log("ConvNet Explorer: its menu could not be added (" + e.getMessage() + ")");
		}
	}

	private static Menu menu(MenuBar bar, String label) {
		for (int i = 0; i < bar.getMenuCount(); i++)
			if (label.equals(bar.getMenu(i).getLabel())) return bar.getMenu(i);
		return null;
	}

	private static Menu submenu(Menu parent, String label) {
		for (int i = 0; i < parent.getItemCount(); i++)
			if (parent.getItem(i) instanceof Menu && label.equals(parent.getItem(i).getLabel()))
				return (Menu) parent.getItem(i);
		Menu submenu = new Menu(label);
		parent.add(submenu);
		return submenu;
	}
}
