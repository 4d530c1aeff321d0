/**
 * The command line (picocli): thin commands over the jobs, options declared once in mixins, progress on stderr.
 */
package org.convnetexplorer.cli;
