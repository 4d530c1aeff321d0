package org.convnetexplorer.fiji;

import java.awt.Frame;
import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.imageio.ImageIO;
import javax.swing.JComboBox;
import javax.swing.JTextField;

import org.convnetexplorer.cli.ConvNetExplorerCli;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.module.process.InitPreprocessor;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.prefs.PrefService;

import ij.IJ;
import ij.Menus;

/**
 * Child-JVM main for the {@code show} test, on the CLI's class path (no ImageJ plugins folder): runs
 * {@code show RUN --layer conv5 --unit 3} as the launcher does, then reports the window it opened, ImageJ's ConvNet
 * Explorer menu, and the window after the Show ConvNet Unit macro command.
 * Args: run folder, report file, screenshot file.
 */
public final class ShowCommandDriver {

	private ShowCommandDriver() {}

	public static void main(String[] args) throws Exception {
		Path run = Paths.get(args[0]);
		Properties report = new Properties();
		try {
			Thread show = new Thread(() -> ConvNetExplorerCli.main(new String[] { "show", run.toString(), "--layer",
				"conv5", "--unit", "3" }), "show");
			show.setDaemon(true);
			show.start();
			Frame window = waitFor(() -> {
				List<Frame> shown = ExplorerGuiDriver.explorerWindows(run);
				return shown.size() == 1 && IJ.getInstance() != null ? shown.get(0) : null;
			});
			JComboBox<?> layer = find(window, "layer");
			JTextField unit = find(window, "unit");
			waitFor(() -> unit.getText().equals("3") ? true : null);
			report.setProperty("opened", layer.getSelectedItem() + " unit " + unit.getText());
			report.setProperty("menu", String.join("|", submenu("Plugins", "ConvNet Explorer")));
			report.setProperty("command", String.valueOf(Menus.getCommands().get("Show ConvNet Unit")));
			// Without the command ImageJ would answer the macro with a dialog and wait for a click.
			if (Menus.getCommands().get("Show ConvNet Unit") == null) throw new AssertionError("ImageJ has no " +
				"Show ConvNet Unit command; its ConvNet Explorer menu: " + report.getProperty("menu"));
			IJ.runMacro("run(\"Show ConvNet Unit\", \"output=[" + run + "] layer=conv1 unit=2\");");
			waitFor(() -> unit.getText().equals("2") ? true : null);
			report.setProperty("macro", layer.getSelectedItem() + " unit " + unit.getText());
			report.setProperty("windows", String.valueOf(ExplorerGuiDriver.explorerWindows(run).size()));
			report.setProperty("fijiDialogs", fijiDialogsOffer());
			Thread.sleep(1000);
			Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
			ImageIO.write(new Robot().createScreenCapture(screen), "png", Paths.get(args[2]).toFile());
		}
		catch (Throwable e) {
			report.setProperty("error", e.toString());
			e.printStackTrace();
		}
		finally {
			try (Writer out = Files.newBufferedWriter(Paths.get(args[1]))) {
				report.store(out, null);
			}
			System.exit(0);
		}
	}

	/**
	 * What Fiji's Deconvnet Projections and Open Results dialogs start from while the window is on screen, after each
	 * ran once on another folder: SciJava's initializer, then its loading of remembered values, as before a dialog.
	 */
	private static String fijiDialogsOffer() throws Exception {
		List<String> offered = new ArrayList<>();
		try (Context context = new Context()) {
			PrefService prefs = context.service(PrefService.class);
			for (Class<? extends Command> command : List.of(DeconvProjectionsCommand.class, OpenResultsCommand.class)) {
				prefs.put(command, "output", "/a/run/used/before");
				Module module = context.service(ModuleService.class).createModule(
					context.service(CommandService.class).getCommand(command));
				for (PreprocessorPlugin step : List.of(new InitPreprocessor(), new LoadInputsPreprocessor())) {
					context.inject(step);
					step.process(module);
				}
				offered.add(String.valueOf(module.getInput("output")));
			}
		}
		return String.join("|", offered);
	}

	/** The labels of a submenu of ImageJ's menu bar. */
	private static List<String> submenu(String top, String label) {
		MenuBar bar = Menus.getMenuBar();
		List<String> labels = new ArrayList<>();
		for (int i = 0; i < bar.getMenuCount(); i++)
			if (bar.getMenu(i).getLabel().equals(top))
				for (int j = 0; j < bar.getMenu(i).getItemCount(); j++)
					if (bar.getMenu(i).getItem(j) instanceof Menu && bar.getMenu(i).getItem(j).getLabel().equals(label)) {
						Menu submenu = (Menu) bar.getMenu(i).getItem(j);
						for (int k = 0; k < submenu.getItemCount(); k++)
							labels.add(submenu.getItem(k).getLabel());
					}
		return labels;
	}

	@SuppressWarnings("unchecked")
	private static <T> T find(java.awt.Container root, String name) {
		for (java.awt.Component child : root.getComponents()) {
			if (name.equals(child.getName())) return (T) child;
			if (child instanceof java.awt.Container) {
				T found = find((java.awt.Container) child, name);
				if (found != null) return found;
			}
		}
		return null;
	}

	private static <T> T waitFor(java.util.concurrent.Callable<T> condition) throws Exception {
		for (long end = System.nanoTime() + 120_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
			T value = condition.call();
			if (value != null) return value;
		}
		throw new AssertionError("waited 120 s");
	}
}
