/**
 * The options of each job as every front end collects them (picocli, SciJava commands, ImageJ 1 dialogs and macros):
 * their macro keys, labels and defaults, read from the job's settings constants, and the one mapping of each into its
 * job's checked settings. Nothing here opens a window.
 */
package org.convnetexplorer.options;
