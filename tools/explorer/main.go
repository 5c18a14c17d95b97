package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/convlings/convlings/tools/explorer/web"
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
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

const usage = "usage: explorer [-o DIR] | explorer -check DIR (explorer -h for the manual)"

// run is the whole program, with its arguments and streams passed in so
// that tests can drive it. It returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explorer", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "explorer-site", "")
	check := fs.String("check", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, manual())
			return 0
		}
		fmt.Fprintf(stderr, "explorer: %v\n%s\n", err, usage)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "explorer: unexpected argument %q\n%s\n", fs.Arg(0), usage)
		return 2
	}
	files, err := site(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "explorer: %v\n", err)
		return 1
	}
	if *check != "" {
		stale := compare(*check, files)
		if len(stale) > 0 {
			fmt.Fprintf(stderr, "explorer: %s is stale; rebuild it with go run ./tools/explorer -o %s:\n\t%s\n", *check, *check, strings.Join(stale, "\n\t"))
			return 1
		}
		fmt.Fprintf(stdout, "%s is current\n", *check)
		return 0
	}
	if err := web.WriteSite(*out, files); err != nil {
		fmt.Fprintf(stderr, "explorer: writing %s: %v\n", *out, err)
		return 1
	}
	abs, _ := filepath.Abs(filepath.Join(*out, "index.html"))
	fmt.Fprintf(stdout, "wrote %s: open %s in a browser\n", *out, abs)
	return 0
}

// site builds every file of the folder.
func site(ctx context.Context) (map[string][]byte, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return nil, err
	}
	wasm, err := web.BuildWasm(ctx, root)
	if err != nil {
		return nil, err
	}
	exec, err := web.WasmExec(ctx)
	if err != nil {
		return nil, err
	}
	return web.Site(wasm, exec)
}

// moduleRoot returns the folder of the convlings module.
func moduleRoot(ctx context.Context) (string, error) {
	msg, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/convlings/convlings").Output()
	if err != nil {
		return "", fmt.Errorf("finding the convlings module (run inside the kit): %v", err)
	}
	return strings.TrimSpace(string(msg)), nil
}

// compare lists the files of dir that differ from files, are missing, or
// should not be there.
func compare(dir string, files map[string][]byte) []string {
	var stale []string
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case err != nil:
			stale = append(stale, name+": missing")
		case !bytes.Equal(got, want):
			stale = append(stale, name+": differs")
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []string{err.Error()}
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			stale = append(stale, e.Name()+": not part of the build")
		}
	}
	sort.Strings(stale)
	return stale
}
