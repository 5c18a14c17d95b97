// Package watch detects changes to the lesson files and runs a function
// again when they change (Watcher): file events through fsnotify where
// they arrive, polling of sizes and times where they do not (switching by
// itself when events stay silent), and debouncing of bursts. A run goes on
// in the background; a change during a run cancels it and starts another,
// so the latest save is what counts. Each run is told which functions the
// change edited (Edits compares each file's functions, parsed with
// go/parser, with the last version that parsed), so that the caller can
// follow the exercise being edited. It knows nothing of tests or views:
// the caller's Run, Hint and Expand do the work, so that another front end
// (a future `serve`) can reuse the change detection.
//
// It imports the standard library, fsnotify, internal/kit and
// internal/i18n.
package watch
