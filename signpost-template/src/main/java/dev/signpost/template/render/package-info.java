/**
 * Putting rendered text on disk: {@link dev.signpost.template.render.FileRenderer} writes only changed bytes,
 * atomically (temp file in the destination's directory, fsync, rename), keeps the old mode or uses {@code perms} or
 * 0644, keeps {@code OUT.bak}, creates parent directories, runs the check command on the staged file, and in dry
 * mode prints {@code > OUT} and the text instead. {@link dev.signpost.template.render.UnifiedDiff} describes a change
 * for the log.
 */
package dev.signpost.template.render;
