package org.convnetexplorer.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;

import org.convnetexplorer.options.ScanOptions;
import org.junit.jupiter.api.Test;

import ij.Macro;

/** Macro options read with brackets respected; ImageJ's lookup is the reference for what goes wrong without. */
class MacroOptionsTest {

	private static final String OPTIONS = "images=[/tmp/my top=3 imgs] output=[/tmp/out] top=2 recursive batch=8 ";

	@Test
	void aKeyInsideABracketedValueIsNotAnOption() {
		assertEquals("3", Macro.getValue(OPTIONS, "top", "9"), "ImageJ's own lookup takes the path's top=3");
		MacroOptions options = MacroOptions.parse(OPTIONS, ScanOptions.KEYS);
		assertEquals(2, options.integer("top", 9));
		assertEquals(new File("/tmp/my top=3 imgs"), options.file("images"));
		assertTrue(options.flag("recursive", false));
		assertFalse(options.flag("overwrite", false));
		assertEquals(8, options.integer("batch", 16));
		assertEquals(0, options.integer("cell", 0));
		assertEquals("conv1", MacroOptions.parse("images=[/a top=3] layers=conv1", ScanOptions.KEYS)
			.string("layers", "all"));
		assertEquals(9, MacroOptions.parse("images=[/a top=3]", ScanOptions.KEYS).integer("top", 9),
			"a path's top=3 does not set top either when top is not given");
	}

	@Test
	void aCheckboxIsOnAloneOrTrueAndOffWhenFalseOrMissing() {
		MacroOptions options = MacroOptions.parse("recursive=true overwrite=false", ScanOptions.KEYS);
		assertTrue(options.flag("recursive", false));
		assertFalse(options.flag("overwrite", true), "overwrite=false must not allow overwriting");
		assertFalse(MacroOptions.parse("recursive=FALSE", ScanOptions.KEYS).flag("recursive", false));
		assertTrue(MacroOptions.parse("overwrite", ScanOptions.KEYS).flag("overwrite", false));
		assertFalse(MacroOptions.parse("top=2", ScanOptions.KEYS).flag("overwrite", true));
		assertEquals("overwrite must be true or false (or the key alone, for true), not 'no'", assertThrows(
			IllegalArgumentException.class, () -> MacroOptions.parse("overwrite=no", ScanOptions.KEYS).flag(
				"overwrite", false)).getMessage());
	}

	@Test
	void wrongOptionsAreRefusedNamingThem() {
		assertEquals("unknown option 'tpo'; the options are " + String.join(", ", ScanOptions.KEYS),
			assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("tpo=3", ScanOptions.KEYS))
				.getMessage());
		assertEquals("the value of 'images' opens [ but never closes it", assertThrows(IllegalArgumentException.class,
			() -> MacroOptions.parse("images=[/a b", ScanOptions.KEYS)).getMessage());
		assertEquals("top must be a whole number, not 'x'", assertThrows(IllegalArgumentException.class,
			() -> MacroOptions.parse("top=x", ScanOptions.KEYS).integer("top", 9)).getMessage());
	}
}
