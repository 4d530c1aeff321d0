package org.convnetexplorer.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.deconv.DeconvMontage;
import org.convnetexplorer.deconv.ProjectedWinner;
import org.convnetexplorer.deconv.Projection;
import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strips cut from montage TIFFs as the run writes them: the cells of each rank, in rank order, and nothing else. */
class PatchStripsTest {

	private static final int K = 5;
	private static final int CELL = 12;

	@TempDir
	Path temp;

	/** A plain colour for each rank, so that a cell cut from the wrong place (a gap, a neighbour) shows. */
	private static int colour(int rank) {
		return rank * 40 << 16 | 200 - rank * 30 << 8 | rank * 17;
	}

	private static void assertCells(RgbImage strip, int count, int cell, int[] colours) {
		assertEquals(count * cell, strip.width());
		assertEquals(cell, strip.height());
		for (int y = 0; y < cell; y++)
			for (int x = 0; x < count * cell; x++)
				assertEquals(colours[x / cell], strip.pixels()[y * strip.width() + x] & 0xffffff, "pixel " + x + "," + y);
	}

	@Test
	void aUnitStackGivesEachRankItsCell() throws IOException {
		MontageLayout layout = new MontageLayout(CELL, K);
		Montage stack = new Montage("conv1 - top 5 patches", layout.width(), layout.height());
		for (int unit = 0; unit < 3; unit++) {
			int[] slice = new int[layout.width() * layout.height()];
			Arrays.fill(slice, MontageLayout.BACKGROUND);
			for (int rank = 1; rank <= K; rank++)
				for (int y = 0; y < CELL; y++)
					Arrays.fill(slice, (layout.cellY(rank - 1) + y) * layout.width() + layout.cellX(rank - 1),
						(layout.cellY(rank - 1) + y) * layout.width() + layout.cellX(rank - 1) + CELL,
						colour(rank) + unit);
			stack.addSlice("conv1 unit " + unit, slice);
		}
		Path file = temp.resolve("conv1.tif");
		MontageFiles.write(stack, file);

		PatchStrips strips = PatchStrips.read(file, K, false);
		assertEquals(3, strips.units());
		assertEquals(CELL, strips.cell());
		assertCells(strips.strip(2, K), K, CELL, new int[] { colour(1) + 2, colour(2) + 2, colour(3) + 2, colour(4) + 2,
			colour(5) + 2 });
		assertCells(strips.strip(1, 3), 3, CELL, new int[] { colour(1) + 1, colour(2) + 1, colour(3) + 1 });
		IOException wrongK = assertThrows(IOException.class, () -> PatchStrips.read(file, 9, false));
		assertTrue(wrongK.getMessage().contains("not a montage of 9 patches per unit"), wrongK.getMessage());
	}

	@Test
	void aDeconvnetStackGivesTheProjections() throws IOException {
		List<ProjectedWinner> winners = new ArrayList<>();
		int unit = 7;
		for (int rank = 1; rank <= 4; rank++) {
			Box box = new Box(0, 0, 6, 6);
			int[] patch = new int[36];
			Arrays.fill(patch, colour(rank));
			float[] chw = new float[3 * 36];
			// red +rank, green -rank, blue 0: every projection 255, 1, 128 after its own stretch, whatever the rank
			Arrays.fill(chw, 0, 36, rank);
			Arrays.fill(chw, 36, 72, -rank);
			winners.add(new ProjectedWinner(new TopkRow("conv2", unit, rank, "a.png", 1f, 0, 0, box),
				new RgbImage(6, 6, patch), new Projection(box, chw)));
		}
		Montage stack = DeconvMontage.of(AlexNet.CONV2, K, CELL, winners);
		Path file = temp.resolve("conv2-deconv.tif");
		MontageFiles.write(stack, file);

		PatchStrips projections = PatchStrips.read(file, K, true);
		assertEquals(AlexNet.CONV2.units(), projections.units());
		int stretched = 255 << 16 | 1 << 8 | 128;
		assertCells(projections.strip(unit, 4), 4, CELL, new int[] { stretched, stretched, stretched, stretched });
	}
}
