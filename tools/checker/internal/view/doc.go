// Package view renders the learner's progress and hints: on a terminal
// with colour, bars and its width (Style), as stable plain text anywhere
// else, and as JSON for tools (ProgressJSON). It also answers whether the
// streams are terminals (TerminalSize, StdinTerminal).
//
// It renders and never runs anything: the results come from
// internal/learner. It imports the standard library, golang.org/x/term
// and internal/{kit,result,testlog,i18n,learner}.
package view
