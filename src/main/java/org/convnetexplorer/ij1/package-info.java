/**
 * Plain ImageJ 1's front end: plugins with dialogs and macro options, thin over the jobs.
 */
package org.convnetexplorer.ij1;
