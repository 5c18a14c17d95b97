// Package watch detects changes to the lesson files and runs a function
// again when they change (Watcher): file events through fsnotify where
// they arrive, polling of sizes and times where they do not (switching by
// itself when events stay silent), debouncing of bursts, and one more run
// when files changed during a run. It knows nothing of tests or views: the
// caller's Run and Hint do the work, so that another front end (a future
// `serve`) can reuse the change detection.
//
// It imports the standard library, fsnotify, internal/kit and
// internal/i18n.
package watch
