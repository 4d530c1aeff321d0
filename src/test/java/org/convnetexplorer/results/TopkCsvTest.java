package org.convnetexplorer.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convnetexplorer.geometry.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopkCsvTest {

	@TempDir
	Path temp;

	@Test
	void imageNamesWithCommasQuotesAndLineBreaksRoundTrip() throws IOException {
		List<TopkRow> rows = List.of(
			new TopkRow("conv2", 7, 1, "plain/a.png", 2.5f, 3, 4, new Box(-18, 6, 33, 57)),
			new TopkRow("conv2", 7, 2, "odd, \"quoted\"\nname.png", 1.25f, 0, 26, new Box(190, -18, 241, 33)));
		Path file = temp.resolve("topk.csv");
		TopkCsv.write(rows, file);
		assertTrue(Files.readString(file).contains("\"odd, \"\"quoted\"\"\nname.png\""), Files.readString(file));
		List<TopkRow> back = TopkCsv.read(file);
		assertEquals(2, back.size());
		assertEquals("odd, \"quoted\"\nname.png", back.get(1).image);
		assertEquals(new Box(190, -18, 241, 33), back.get(1).box);
		assertEquals(1.25f, back.get(1).activation);
		assertEquals(rows.get(0).toCsv(), back.get(0).toCsv());
	}

	@Test
	void layerNamesWithCommasQuotesAndLineBreaksRoundTrip() throws IOException {
		String layer = "/block,1/\"relu\"\nout";
		List<TopkRow> rows = List.of(new TopkRow(layer, 0, 1, "a.png", 2.5f, 3, 4, new Box(-18, 6, 33, 57)),
			new TopkRow(layer, 1, 1, "b.png", 1.5f, 0, 0, new Box(0, 0, 10, 10)));
		Path file = temp.resolve("topk.csv");
		TopkCsv.write(rows, file);
		assertTrue(Files.readString(file).startsWith(TopkRow.HEADER + "\n\"/block,1/\"\"relu\"\"\nout\",0,1,"),
			Files.readString(file));
		List<TopkRow> back = TopkCsv.read(file);
		assertEquals(2, back.size());
		assertEquals(layer, back.get(1).layer);
		assertEquals(1, back.get(1).unit);
	}

	@Test
	void aBrokenRecordIsNamedWithItsFile() throws IOException {
		Path file = Files.writeString(temp.resolve("topk.csv"), TopkRow.HEADER + "\nconv1,0,1,a.png,1.0,2,3\n");
		IOException error = assertThrows(IOException.class, () -> TopkCsv.read(file));
		assertTrue(error.getMessage().startsWith(file + ", record 2: expected 11 fields"), error.getMessage());
	}

	@Test
	void skippedLogQuotesNamesAndFlattensReasons() throws IOException {
		Path file = temp.resolve("skipped.csv");
		try (SkippedLog log = new SkippedLog(file)) {
			log.add("a,b.jpg", "truncated\nJPEG");
		}
		assertEquals(List.of("image,reason", "\"a,b.jpg\",truncated JPEG"), Files.readAllLines(file));
	}
}
