/**
 * The {@code vigil} command line (picocli): one runnable jar with subcommands. Commands parse options, call the
 * domain packages and turn failures into clear messages and exit codes; they hold no logic of their own.
 */
package dev.vigil.cli;
