package org.convnetexplorer.explorer.window;

import java.awt.event.KeyEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.swing.ButtonGroup;
import javax.swing.JFileChooser;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.KeyStroke;

import org.convnetexplorer.atlas.ImageChoice;
import org.convnetexplorer.atlas.WebAtlas;
import org.convnetexplorer.explorer.ExplorerModel;

/** The window's menus: the run's files as ImageJ images (for ImageJ's own tools), the figure export, the views. */
final class ExplorerMenus {

	private final ExplorerWindow window;
	private final UnitViews views;

	ExplorerMenus(ExplorerWindow window, UnitViews views) {
		this.window = window;
		this.views = views;
	}

	JMenuBar bar() {
		JMenuBar bar = new JMenuBar();
		bar.add(fileMenu());
		bar.add(viewMenu());
		return bar;
	}

	private JMenu fileMenu() {
		ExplorerModel model = window.model;
		JMenu menu = new JMenu("File");
		menu.setMnemonic(KeyEvent.VK_F);
		menu.add(item("Open this layer's stack in ImageJ", "openStack",
			() -> ImageJViews.openTiff(model.run.unitsFile(model.layer()), window.tasks::say)));
		menu.add(item("Open this layer's overview in ImageJ", "openOverview",
			() -> ImageJViews.openTiff(model.run.overviewFile(model.layer()), window.tasks::say)));
		menu.add(item("Open the topk table in ImageJ", "openTable",
			() -> ImageJViews.openTable(model.run, window.tasks::say)));
		menu.addSeparator();
		JMenuItem export = item("Export figure of this unit…", "exportFigure", this::exportFigure);
		export.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_E, KeyEvent.CTRL_DOWN_MASK));
		menu.add(export);
		JMenuItem atlas = item("Export web atlas of this run", "exportAtlas", this::exportAtlas);
		atlas.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_A, KeyEvent.CTRL_DOWN_MASK | KeyEvent.SHIFT_DOWN_MASK));
		menu.add(atlas);
		menu.add(item("Copy this unit's macro line to the message line", "address",
			() -> window.tasks.say(model.address().macro(model.run.folder))));
		menu.addSeparator();
		menu.add(item("Close", "close", window::dispose));
		return menu;
	}

	private JMenu viewMenu() {
		JMenu menu = new JMenu("View");
		ButtonGroup group = new ButtonGroup();
		for (PatchesPane.Mode mode : PatchesPane.Mode.values()) {
			JRadioButtonMenuItem item = new JRadioButtonMenuItem(mode.label, mode == PatchesPane.Mode.PATCHES);
			item.addActionListener(e -> views.setMode(mode));
			group.add(item);
			menu.add(item);
		}
		return menu;
	}

	private static JMenuItem item(String label, String name, Runnable action) {
		JMenuItem item = new JMenuItem(label);
		item.setName(name);
		item.addActionListener(e -> action.run());
		return item;
	}

	/** Writes the run's web atlas into its folder (atlas/, with small copies of the winning images), off the event thread. */
	private void exportAtlas() {
		Path run = window.model.run.folder;
		WebAtlas.Written[] written = new WebAtlas.Written[1];
		window.tasks.start("Writing the web atlas", progress -> {
			written[0] = WebAtlas.write(run, null, ImageChoice.SMALL_COPIES, 0, progress::message);
		}, failure -> window.tasks.say(failure != null ? TaskBar.failed("The web atlas", failure)
			: "Web atlas written: open " + written[0].folder.resolve("index.html") + " in a browser"));
	}

	/** Asks where (the run folder by default; an existing file only after a yes) and writes the figure. */
	private void exportFigure() {
		ExplorerModel model = window.model;
		JFileChooser chooser = new JFileChooser(model.run.folder.toFile());
		chooser.setSelectedFile(model.run.folder.resolve(FigureExport.defaultName(model.address())).toFile());
		if (chooser.showSaveDialog(window) != JFileChooser.APPROVE_OPTION) return;
		Path file = chooser.getSelectedFile().toPath();
		if (Files.exists(file) && JOptionPane.showConfirmDialog(window, file + " exists. Replace it?", "Export figure",
			JOptionPane.YES_NO_OPTION) != JOptionPane.YES_OPTION) return;
		try {
			FigureExport.write(window, file);
			window.tasks.say("Figure of " + model.address() + " written to " + file);
		}
		catch (IOException e) {
			window.tasks.say("Could not write the figure: " + e.getMessage());
		}
	}
}
