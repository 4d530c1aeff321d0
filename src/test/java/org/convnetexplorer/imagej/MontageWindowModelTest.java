package org.convnetexplorer.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.Test;

/** Click-through without windows: pixel of a slice → unit and rank → topk row → source file and box. */
class MontageWindowModelTest {

	private static TopkRow row(String layer, int unit, int rank, String image) {
		return new TopkRow(layer, unit, rank, image, 1.5f + rank, 3, 4, new Box(-18 + rank, 10, 33 + rank, 61));
	}

	private final MontageLayout layout = new MontageLayout(51, 9);
	private final MontageWindowModel model = new MontageWindowModel(AlexNet.CONV2.name(), layout, Paths.get("/data/imgs"),
		List.of(row("conv2", 3, 1, "a.png"), row("conv2", 3, 5, "sub/b.png"), row("conv2", 4, 5, "c.png"),
			row("conv3", 3, 5, "other-layer.png")));

	@Test
	void aPixelInACellNamesThatUnitsRowOfThatRank() {
		// Slice 4 is unit 3; rank 5 is the middle cell of the 3×3 grid.
		int x = layout.cellX(4) + 20;
		int y = layout.cellY(4) + 50;
		Optional<TopkRow> row = model.patchAt(4, x, y);
		assertTrue(row.isPresent());
		assertEquals("sub/b.png", row.get().image);
		assertEquals(Paths.get("/data/imgs/sub/b.png"), model.sourceOf(row.get()));
		assertEquals(new Box(-13, 10, 38, 61), row.get().box);
		assertEquals("c.png", model.patchAt(5, x, y).orElseThrow().image, "slice 5 is unit 4");
		assertEquals("a.png", model.patchAt(4, MontageLayout.GAP, MontageLayout.GAP).orElseThrow().image);
	}

	@Test
	void gapsEmptyCellsAndOtherLayersNameNothing() {
		assertTrue(model.patchAt(4, 0, 0).isEmpty(), "the border gap");
		assertTrue(model.patchAt(4, layout.cellX(1) - 1, layout.cellY(0) + 5).isEmpty(), "the gap between cells");
		assertTrue(model.patchAt(4, layout.cellX(2) + 5, layout.cellY(2) + 5).isEmpty(), "unit 3 has no rank 9");
		assertTrue(model.patchAt(1, layout.cellX(4) + 5, layout.cellY(4) + 5).isEmpty(), "unit 0 has no rows");
		assertTrue(model.patchAt(4, layout.width() + 3, 5).isEmpty(), "outside the slice");
	}

	@Test
	void statusLineNamesUnitRankActivationAndImage() {
		assertEquals("conv2 unit 3, rank 5: activation 6.500 in sub/b.png at [-13,10)-[38,61)",
			MontageWindowModel.describe(model.patchAt(4, layout.cellX(4), layout.cellY(4)).orElseThrow()));
	}
}
