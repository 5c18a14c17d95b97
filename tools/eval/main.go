package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, with its arguments and streams passed in so
// that tests can drive it. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, manual())
			return 0
		}
		fmt.Fprintf(stderr, "eval: %v\nusage: eval < cases.json > results.json (eval -h for the manual)\n", err)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "eval: unexpected argument %q\nusage: eval < cases.json > results.json (eval -h for the manual)\n", fs.Arg(0))
		return 2
	}
	cases, err := eval.ReadCases(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 1
	}
	var b strings.Builder
	b.WriteString("[")
	for i, c := range cases {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
		b.Write(eval.Case(c))
	}
	b.WriteString("\n]\n")
	if _, err := io.WriteString(stdout, b.String()); err != nil {
		fmt.Fprintf(stderr, "eval: writing the results: %v\n", err)
		return 1
	}
	return 0
}
