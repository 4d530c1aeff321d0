package org.convnetexplorer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.StringJoiner;

import org.convnetexplorer.geometry.AxisField;
import org.convnetexplorer.geometry.UnitField;
import org.junit.jupiter.api.Test;

class AlexNetConvTest {

	/** Zeiler & Fergus's and the receptive_field library's table for torchvision's AlexNet at 224×224. */
	private static final List<UnitField> PUBLISHED = List.of(UnitField.square(4, -2, 11), UnitField.square(8, -18, 51),
		UnitField.square(16, -34, 99), UnitField.square(16, -50, 131), UnitField.square(16, -66, 163));

	@Test
	void derivedFieldsAndMapSidesAreThePublishedOnes() {
		int[] sides = { 55, 27, 13, 13, 13 };
		int[] inputSides = { 224, 27, 13, 13, 13 };
		for (AlexNetConv conv : AlexNetConv.values()) {
			Layer layer = conv.layer();
			assertEquals(PUBLISHED.get(conv.ordinal()), layer.field(0), layer.name());
			assertEquals(PUBLISHED.get(conv.ordinal()), layer.field(layer.units() - 1), layer.name());
			assertEquals(sides[conv.ordinal()], conv.mapSide(), layer.name());
			assertEquals(inputSides[conv.ordinal()], conv.inputSide(), layer.name());
		}
	}

	/** README states the table for users; it must be the one the program uses. */
	@Test
	void readmeStatesTheDerivedTable() throws IOException {
		StringJoiner table = new StringJoiner("; ", "", ".");
		for (AlexNetConv conv : AlexNetConv.values()) {
			AxisField field = conv.layer().field(0).x;
			// the first entry names its numbers, the others give them in the same order
			String[] names = conv.ordinal() == 0 ? new String[] { "jump ", "start ", "size " } : new String[] { "", "", "" };
			table.add(conv.layer().name() + " " + names[0] + field.jump + ", " + names[1] + minus(field.start) + ", "
				+ names[2] + field.size);
		}
		String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
		assertTrue(readme.contains(table.toString()), "README.md should state: " + table);
	}

	/** README writes negative numbers with the minus sign, U+2212. */
	private static String minus(long value) {
		return value < 0 ? "\u2212" + -value : Long.toString(value);
	}
}
