/**
 * Files the project reads and writes safely: the one bounded way to open a file (kind checked, size bounded), text
 * state files with a version and checksum, and locks that one owner holds per file.
 */
package org.convnetexplorer.files;
