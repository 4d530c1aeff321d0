package org.convnetexplorer.explorer.window;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.FlowLayout;
import java.awt.Rectangle;
import java.awt.Frame;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.swing.AbstractAction;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

import org.convnetexplorer.explorer.ExplorerModel;
import org.convnetexplorer.explorer.LayerPatches;
import org.convnetexplorer.explorer.UnitAddress;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkRow;

/**
 * One run's explorer window: the top bar, the layer's unit grid, the selected unit's patches (and projections) and the
 * clicked patch in its source image, a message line and one progress bar. One window per run: opening a run that is
 * shown brings its window forward.
 */
public final class ExplorerWindow extends JFrame {

	private static final long serialVersionUID = 1L;
	/** Shown windows by run folder. */
	private static final Map<Path, ExplorerWindow> OPEN = new ConcurrentHashMap<>();
	/** The run of the explorer window the user was in last: the run a dialog offers. */
	private static volatile Path lastActive;

	final ExplorerModel model;
	final TopBar topBar;
	final UnitGrid grid;
	final PatchesPane patches;
	final SourcePane source;
	final VisualizationPane visualization;
	final TaskBar tasks = new TaskBar();
	private final Map<String, LayerPatches> layerPatches;
	private final Thumbnails thumbnails;
	private final SourceLoader sourceLoader;
	private final UnitViews views;
	private final ImageRanking ranking;
	private UnitAddress shownUnit;

	private ExplorerWindow(RunResults run, Map<String, LayerPatches> layerPatches, List<String> problems) {
		super("ConvNet Explorer: " + run.name() + (run.partial ? " (partial)" : ""));
		this.layerPatches = layerPatches;
		model = ExplorerModel.open(run, layerPatches, problems);
		thumbnails = new Thumbnails(layerPatches, this::repaintGrid);
		topBar = new TopBar(model, tasks::say);
		grid = new UnitGrid(model, thumbnails);
		patches = new PatchesPane(rank -> model.selectPatch(rank));
		source = new SourcePane();
		visualization = new VisualizationPane(run, tasks::say);
		sourceLoader = new SourceLoader(this);
		views = new UnitViews(this);
		ranking = new ImageRanking(this);
		setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
		layOut();
		setJMenuBar(new ExplorerMenus(this, views).bar());
		bindKeys();
		model.addListener(this::refresh);
		addWindowListener(new WindowAdapter() {
			@Override
			public void windowActivated(WindowEvent e) {
				lastActive = run.folder;
			}

			@Override
			public void windowClosed(WindowEvent e) {
				OPEN.remove(run.folder, ExplorerWindow.this);
				thumbnails.close();
				sourceLoader.close();
				ranking.close();
			}
		});
		refresh();
		tasks.say(problems.isEmpty() ? welcome() : String.join("; ", problems));
	}

	/**
	 * Shows the run's window at {@code address} (null: where it is, or the first unit), reading the folder if no window
	 * shows it yet; call from any thread but the event thread for a new run (it reads files first).
	 *
	 * @throws IOException when the folder is no readable run
	 */
	public static ExplorerWindow open(Path folder, UnitAddress address) throws IOException {
		Path key = folder.toAbsolutePath().normalize();
		// Read before the event thread where no window shows the run; a window closed meanwhile reads it there.
		RunResults read = OPEN.containsKey(key) ? null : RunResults.read(key);
		ExplorerWindow[] window = new ExplorerWindow[1];
		IOException[] failure = new IOException[1];
		onEventThread(() -> {
			window[0] = OPEN.get(key);
			if (window[0] == null) {
				try {
					window[0] = create(read != null ? read : RunResults.read(key));
				}
				catch (IOException e) {
					failure[0] = e;
					return;
				}
			}
			if (address != null) window[0].goTo(address);
			window[0].toFront();
			window[0].requestFocus();
		});
		if (failure[0] != null) throw failure[0];
		return window[0];
	}

	/** The window shown for a run folder, if any. */
	public static Optional<ExplorerWindow> shown(Path folder) {
		return Optional.ofNullable(OPEN.get(folder.toAbsolutePath().normalize()));
	}

	/** The run folder of the explorer window used last, while it is open; else of any open one. */
	public static Optional<Path> runOnScreen() {
		Path last = lastActive;
		if (last != null && OPEN.containsKey(last)) return Optional.of(last);
		return OPEN.keySet().stream().findFirst();
	}

	/** Whether any explorer window is open (the CLI's {@code show} waits until none is). */
	public static boolean anyOpen() {
		return !OPEN.isEmpty();
	}

	private static ExplorerWindow create(RunResults run) throws IOException {
		Map<String, LayerPatches> patches = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		ExplorerWindow window;
		try {
			window = new ExplorerWindow(run, patches, problems);
		}
		catch (IllegalArgumentException e) {
			throw new IOException(e.getMessage() + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)), e);
		}
		OPEN.put(run.folder, window);
		window.pack();
		placeBelowImageJ(window);
		window.setVisible(true);
		return window;
	}

	/** Gone from the runs shown at once: opening the run again right after makes a new window. */
	@Override
	public void dispose() {
		OPEN.remove(model.run.folder, this);
		super.dispose();
	}

	/**
	 * Below ImageJ's bar where ImageJ runs, kept on the screen (without a window manager both would start at the
	 * screen's corner, one over the other).
	 */
	static void placeBelowImageJ(Frame window) {
		Frame imagej = ij.IJ.getInstance();
		if (imagej == null || !imagej.isShowing()) {
			window.setLocationByPlatform(true);
			return;
		}
		Rectangle screen = imagej.getGraphicsConfiguration().getBounds();
		int y = imagej.getY() + imagej.getHeight() + 4;
		window.setSize(Math.min(window.getWidth(), screen.width), Math.min(window.getHeight(), screen.y + screen.height - y));
		window.setLocation(Math.max(screen.x, Math.min(imagej.getX(), screen.x + screen.width - window.getWidth())), y);
	}

	/** Goes to a unit; a wrong layer or number is said in the message line and changes nothing. */
	public void goTo(UnitAddress address) {
		try {
			model.goTo(address);
		}
		catch (IllegalArgumentException e) {
			tasks.say(e.getMessage());
		}
	}

	/**
	 * Goes to a unit from a macro or the command line, on the event thread.
	 *
	 * @throws IllegalArgumentException naming what the run has, for a layer or unit it does not have
	 */
	public void goToOrFail(UnitAddress address) {
		RuntimeException[] failure = new RuntimeException[1];
		onEventThread(() -> {
			try {
				model.goTo(address);
			}
			catch (RuntimeException e) {
				failure[0] = e;
				tasks.say(e.getMessage());
			}
		});
		if (failure[0] != null) throw failure[0];
	}

	public RunResults run() {
		return model.run;
	}

	private void layOut() {
		JPanel patchesPanel = new JPanel(new BorderLayout());
		patchesPanel.add(views.modeButtons(), BorderLayout.NORTH);
		patchesPanel.add(patches, BorderLayout.CENTER);
		patchesPanel.add(visualization, BorderLayout.WEST);
		JPanel sourcePanel = new JPanel(new BorderLayout());
		sourcePanel.add(sourceButtons(), BorderLayout.NORTH);
		sourcePanel.add(source, BorderLayout.CENTER);
		JSplitPane right = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, patchesPanel, sourcePanel);
		right.setResizeWeight(0.5);
		JSplitPane main = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, grid, right);
		main.setResizeWeight(0.25);
		getContentPane().add(topBar, BorderLayout.NORTH);
		getContentPane().add(main, BorderLayout.CENTER);
		getContentPane().add(tasks, BorderLayout.SOUTH);
		tasks.bindEscape(getRootPane());
		setPreferredSize(new Dimension(1500, 860));
	}

	/** Two rows, so that they fit the pane's width. */
	private JPanel sourceButtons() {
		JPanel view = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
		JPanel work = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
		JToggleButton zoom = new JToggleButton("Zoom to field");
		zoom.setName("zoom");
		zoom.addActionListener(e -> source.setZoomToField(zoom.isSelected()));
		JButton imagej = new JButton("Open in ImageJ");
		imagej.setName("openInImageJ");
		imagej.setToolTipText("The source image as an ImageJ image, the field as its selection");
		imagej.addActionListener(e -> model.shownPatch().ifPresentOrElse(
			row -> ImageJViews.openSource(model.run, row, tasks::say), () -> tasks.say("No patch to open")));
		JButton occlusion = new JButton("Occlusion for this unit");
		occlusion.setName("occlusion");
		occlusion.setToolTipText("Slides a grey square over this image and maps how this unit's maximum drops");
		occlusion.addActionListener(e -> views.occlusion());
		view.add(zoom);
		view.add(imagej);
		view.add(occlusion);
		view.add(views.occlusionToggle());
		work.add(ranking.sourceButton());
		work.add(ranking.imageJButton());
		JPanel buttons = new JPanel(new BorderLayout());
		buttons.add(view, BorderLayout.NORTH);
		buttons.add(work, BorderLayout.SOUTH);
		return buttons;
	}

	private void bindKeys() {
		JComponent root = getRootPane();
		bind(root, KeyEvent.VK_PAGE_UP, "previousLayer", () -> model.moveLayer(-1));
		bind(root, KeyEvent.VK_PAGE_DOWN, "nextLayer", () -> model.moveLayer(1));
	}

	private static void bind(JComponent root, int key, String name, Runnable action) {
		root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(key, 0), name);
		root.getActionMap().put(name, new AbstractAction() {
			private static final long serialVersionUID = 1L;

			@Override
			public void actionPerformed(ActionEvent e) {
				action.run();
			}
		});
	}

	/** Redraws what the model's change touched: the unit's patches only when the unit changed. */
	private void refresh() {
		topBar.refresh();
		grid.refresh();
		if (!model.address().equals(shownUnit)) {
			shownUnit = model.address();
			views.showUnit();
			visualization.show(model.layer(), model.unit());
		}
		else views.showRank();
		sourceLoader.show(model.shownPatch().orElse(null));
	}

	private void repaintGrid() {
		grid.units().repaint();
	}

	/** The selected unit's patches as pictures, cut from its stack slice; empty when the layer has no stack. */
	List<BufferedImage> unitPatches() {
		LayerPatches layer = layerPatches.get(model.layer());
		if (layer == null || model.patches().isEmpty()) return List.of();
		try {
			return layer.patches(model.unit(), model.patches().size()).stream().map(Pictures::of)
				.collect(Collectors.toList());
		}
		catch (IOException e) {
			tasks.say(e.getMessage());
			return List.of();
		}
	}

	/** After the source pane shows a patch's image: its kept occlusion map, the units whose top k hold the image. */
	void sourceShown(TopkRow row) {
		views.showKeptOcclusion(row);
		lightUnitsOn(row);
	}

	private void lightUnitsOn(TopkRow row) {
		grid.light(model.activationsOn(row.image).stream().map(r -> r.unit).collect(Collectors.toSet()));
	}

	private String welcome() {
		return model.run.name() + ": " + model.layers().size() + " layers. Arrow keys move in the grid, PgUp/PgDn " +
			"change layer, a click on a patch shows its image.";
	}

	/** Runs on the event thread and waits, or runs at once when already there. */
	static void onEventThread(Runnable action) {
		if (EventQueue.isDispatchThread()) {
			action.run();
			return;
		}
		try {
			SwingUtilities.invokeAndWait(action);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (java.lang.reflect.InvocationTargetException e) {
			throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
		}
	}

	/** For {@link Frame#toFront()} from a window manager that ignores it for unfocused apps: deiconify first. */
	@Override
	public void toFront() {
		if ((getExtendedState() & Frame.ICONIFIED) != 0) setExtendedState(getExtendedState() & ~Frame.ICONIFIED);
		super.toFront();
	}
}
