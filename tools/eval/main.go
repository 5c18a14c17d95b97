package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/convlings/convlings/internal/eval"
)

//go:embed doc.go
var doc string

// manual returns the text of the comment in doc.go.
func manual() string {
	_, after, _ := strings.Cut(doc, "/*\n")
	text, _, _ := strings.Cut(after, "*/")
	return text
}

func main() {
	// A closed output (eval … | head) is a write error, reported with exit
	// status 1 as the manual says, not a death by SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = "usage: eval [-timeout d] < cases.json > results.json (eval -h for the manual)"

// run is the whole program, with its arguments and streams passed in so
// that tests can drive it. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	timeout := fs.Duration("timeout", 10*time.Second, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, manual())
			return 0
		}
		fmt.Fprintf(stderr, "eval: %v\n%s\n", err, usage)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "eval: unexpected argument %q\n%s\n", fs.Arg(0), usage)
		return 2
	}
	if *timeout <= 0 {
		fmt.Fprintf(stderr, "eval: -timeout must be positive, got %v\n%s\n", *timeout, usage)
		return 2
	}
	if err := eval.Run(stdin, stdout, *timeout); err != nil {
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 1
	}
	return 0
}
