// Package web holds the explorer's page, embedded, and assembles it into
// a self-contained folder: see BuildSite. The page is vanilla HTML, CSS and
// JavaScript modules; README.md says how its files fit together.
package web

import "embed"

// Files holds the page's sources: the HTML, CSS and JavaScript modules.
//
//go:embed *.html *.css *.js
var Files embed.FS

// entries are the pages' module entry points: the explorer's, and the
// progress page's that tools/checker serve adds.
var entries = []string{"main.js", "progress.js"}
