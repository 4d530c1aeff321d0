package org.convnetexplorer.scanstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShardSpecTest {

	@Test
	void aShardIsOneOfAtMostAHundredThousandParts() {
		assertEquals("2/8", ShardSpec.parse("2/8").toString());
		assertEquals(100_000, ShardSpec.parse("100000/100000").count);
		for (String wrong : new String[] { "0/8", "9/8", "1/0", "1/100001", "1/2147483647" })
			assertEquals("shard must be I/N with 1 <= I <= N <= 100000, not " + wrong,
				assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse(wrong)).getMessage(), wrong);
	}
}
