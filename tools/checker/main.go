package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/view"
)

//go:embed doc.go
var manual string

// env is what a subcommand may touch of the outside world, passed in so
// that tests can capture it.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// terminal reports whether stdout is a terminal, and its width in
	// columns (0 when unknown).
	terminal func() (bool, int)
	// stdinTerminal is the file descriptor of stdin when it is a terminal
	// the watch mode may put in raw mode, or -1.
	stdinTerminal int
	// section is the manual section of the running subcommand, for the
	// usage line of its usage errors ("" before one runs).
	section string
}

// command is one subcommand: one file, one flag.FlagSet.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

// commands is the subcommand table. The learner view runs when no
// subcommand is named.
var commands = []*command{
	{"progress", "show every lesson and exercise as passed, failed or not started (the default)", runProgress},
	{"hint", "show the next hint of an exercise, one level at a time", runHint},
	{"watch", "run the lesson tests again whenever a lesson file changes", runWatch},
	{"serve", "show the explorer and your progress in the browser, live as you save", runServe},
	{"grade", "grade learners' submissions (folders, .zip, .tar.gz) against the pristine kit", runGrade},
	{"bundle", "make the Gradescope, GitHub Classroom or Exercism deployment of the kit", runBundle},
	{"verify", "prove the kit is consistent: solutions pass, stubs fail, hints and README sections exist", runVerify},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{
		ctx: ctx, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		terminal: func() (bool, int) { return view.TerminalSize(os.Stdout) }, stdinTerminal: view.StdinTerminal(),
	}
	os.Exit(run(e, os.Args[1:]))
}

// run dispatches to a subcommand and returns the exit code: 0 success, 1
// failure, 2 usage.
func run(e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "-help", "--help", "help":
			if len(args) > 1 {
				if c := lookup(args[1]); c != nil {
					return c.run(e, []string{"-h"})
				}
			}
			fmt.Fprint(e.stdout, manualText())
			return 0
		}
		if c := lookup(args[0]); c != nil {
			return c.run(e, args[1:])
		}
		if !strings.HasPrefix(args[0], "-") {
			fmt.Fprintf(e.stderr, "checker: unknown command %q; the commands are:\n", args[0])
			for _, c := range commands {
				fmt.Fprintf(e.stderr, "  %-9s %s\n", c.name, c.summary)
			}
			return 2
		}
	}
	return runProgress(e, args)
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// manualText returns the package comment of doc.go: the manual.
func manualText() string {
	s := manual
	if i := strings.Index(s, "/*"); i >= 0 {
		s = s[i+2:]
	}
	if i := strings.Index(s, "*/"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimLeft(s, "\n")
}

// manualSection returns the section of the manual under the heading
// "# title", without the heading.
func manualSection(title string) string {
	text := manualText()
	start := strings.Index(text, "\n# "+title+"\n")
	if start < 0 {
		return ""
	}
	text = text[start+len("\n# "+title+"\n"):]
	if end := strings.Index(text, "\n# "); end >= 0 {
		text = text[:end]
	}
	return strings.Trim(text, "\n") + "\n"
}

// flags is a subcommand's flag set. Its -h prints the subcommand's
// section of the manual and its flags on standard output; a usage error
// prints what is wrong and one usage line on standard error.
type flags struct {
	*flag.FlagSet
	e       *env
	section string
}

// newFlags returns the flag set of a subcommand whose manual section is
// "# section", and makes usage errors of e name that section's synopsis.
func newFlags(e *env, name, section string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse reports errors itself, with the checker: prefix
	fs.Usage = func() {}
	e.section = section
	return &flags{FlagSet: fs, e: e, section: section}
}

// help prints the subcommand's manual section and its flags.
func (f *flags) help() {
	w := f.e.stdout
	fmt.Fprint(w, manualSection(f.section))
	fmt.Fprintln(w, "\nFlags:")
	f.SetOutput(w)
	f.PrintDefaults()
	f.SetOutput(io.Discard)
}

// parse parses args and returns the exit code to stop with, or -1 to go
// on: 0 after -h, 2 after a usage error.
func (f *flags) parse(args []string) int {
	// Flags may follow the arguments too, as learners type them:
	// "hint padding/output_length -lang ko". The flag package stops at the
	// first argument, so parse again after each one, collecting them, until
	// the flags run out or a "--" says that everything after it is an argument.
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.help()
				return 0
			}
			return usage(f.e, "%v", err)
		}
		rest := f.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	// Leave the arguments in f.Args, where the commands read them.
	if err := f.Parse(append([]string{"--"}, pos...)); err != nil {
		return usage(f.e, "%v", err)
	}
	return -1
}

// fail prints err as "checker: …" and returns exit code 1.
func fail(e *env, err error) int {
	fmt.Fprintf(e.stderr, "checker: %v\n", err)
	return 1
}

// usage prints a usage error, "checker: …", and one usage line of the
// current subcommand on standard error, and returns exit code 2. The
// manual goes to standard output only when asked for (-h, help).
func usage(e *env, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "checker: "+format+"\n", args...)
	if line := usageLine(e.section); line != "" {
		fmt.Fprintln(e.stderr, line)
	}
	return 2
}

// usageLine is the first line of a manual section, the subcommand's
// synopsis, as "usage: …" with where to read more.
func usageLine(section string) string {
	first, _, _ := strings.Cut(manualSection(section), "\n")
	synopsis, ok := strings.CutPrefix(first, "Usage: ")
	if !ok {
		return ""
	}
	name := strings.ToLower(section)
	return fmt.Sprintf("usage: %s (run \"go run ./tools/checker help %s\" for more)", synopsis, name)
}

// findKit returns the kit at dir when dir is given, else the kit holding
// the current directory, found through the go command as `go env GOMOD`
// does (so it works from any folder inside the kit).
func findKit(ctx context.Context, dir string) (*kit.Kit, error) {
	if dir == "" {
		out, err := proc.Output(exec.CommandContext(ctx, proc.GoCommand(), "env", "GOMOD"))
		if err != nil {
			return nil, fmt.Errorf("cannot run `go env GOMOD` to find the kit: %w; use -kit", err)
		}
		gomod := strings.TrimSpace(string(out))
		if gomod == "" || gomod == os.DevNull {
			return nil, errors.New("not inside a Go module: run the checker from inside the convlings kit, or use -kit")
		}
		dir = filepath.Dir(gomod)
	}
	return kit.Open(dir)
}

// The harness's source, copied into every grading workspace. See the
// package comment of internal/convlingsgrade for the protocol.
//
//go:embed internal/convlingsgrade/*.go
var harnessFS embed.FS

// harnessSource returns the harness package's files, for grade.Options and verify.
func harnessSource() fs.FS {
	src, err := fs.Sub(harnessFS, "internal/convlingsgrade")
	if err != nil {
		panic(err) // a constant path into an embedded tree
	}
	return src
}
