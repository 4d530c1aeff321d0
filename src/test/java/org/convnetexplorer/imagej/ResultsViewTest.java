package org.convnetexplorer.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.RunReport;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reopening an output folder: run.json's images folder and k, topk.csv and the layer TIFFs, without windows. */
class ResultsViewTest {

	@TempDir
	Path temp;

	private Path outputFolder(int top, int cell, String imagesPath) throws IOException {
		Path output = Files.createDirectories(temp.resolve("out"));
		new RunReport().put("images", imagesPath).put("top", top).put("layers", List.of("conv3"))
			.write(output.resolve("run.json"));
		TopkCsv.write(List.of(new TopkRow("conv3", 1, 1, "x,y.png", 2f, 0, 0, new Box(-34, -34, 65, 65))),
			output.resolve("topk.csv"));
		MontageLayout layout = new MontageLayout(cell, top);
		Montage stack = new Montage(LayerMontages.unitsTitle(AlexNet.CONV3.name(), top), layout.width(), layout.height());
		for (int unit = 0; unit < 3; unit++)
			stack.addSlice("conv3 unit " + unit, new int[layout.width() * layout.height()]);
		MontageFiles.write(stack, output.resolve("conv3.tif"));
		return output;
	}

	@Test
	void readsWhatTheJobWrote() throws Exception {
		String images = temp.resolve("my \"images\" ü").toString();
		ResultsView view = ResultsView.read(outputFolder(9, 64, images));
		assertEquals(images, view.imagesFolder.toString(), "quotes and non-ASCII in the path survive run.json");
		assertEquals(1, view.rows.size());
		assertEquals("x,y.png", view.rows.get(0).image);
		assertEquals(1, view.layers.size());
		LayerImages conv3 = view.layers.get(0);
		assertEquals(AlexNet.CONV3.name(), conv3.layer);
		assertEquals("conv3 - top 9 patches", conv3.units.getTitle());
		assertEquals(3, conv3.units.getStackSize());
		assertEquals("conv3 unit 2", conv3.units.getStack().getSliceLabel(3));
		assertEquals(64, conv3.layout.cell);
		assertEquals(3, conv3.layout.columns);
		assertNull(conv3.overview, "no overview file, no overview window");
	}

	@Test
	void findsTheCellSizeForOtherK() throws Exception {
		ResultsView view = ResultsView.read(outputFolder(5, 40, "/imgs"));
		assertEquals(40, view.layers.get(0).layout.cell);
		assertEquals(2, view.layers.get(0).layout.rows);
	}

	@Test
	void aFolderThatIsNoOutputFolderIsAClearError() {
		IOException error = assertThrows(IOException.class, () -> ResultsView.read(temp));
		assertTrue(error.getMessage().contains("not a ConvNet Explorer output folder"), error.getMessage());
	}

	@Test
	void topkTableHasTheCsvColumns() throws Exception {
		ResultsView view = ResultsView.read(outputFolder(9, 64, "/imgs"));
		ij.measure.ResultsTable table = ResultWindows.table(view);
		assertEquals(String.join(",", TopkRow.HEADER.split(",")), String.join(",", table.getHeadings()));
		assertEquals("x,y.png", table.getStringValue("image", 0));
		assertEquals(-34, table.getValue("x0", 0));
	}
}
