/**
 * A scan's state: its identity, checkpoints written while it runs and verified when it resumes, shards of one
 * scan, and the merge of their states into the result of one scan.
 */
package org.convnetexplorer.scanstate;
