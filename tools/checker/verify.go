package main

import (
	"fmt"

	"github.com/convlings/convlings/tools/checker/internal/verify"
)

// runVerify is `go run ./tools/checker verify`.
func runVerify(e *env, args []string) int {
	fs := newFlags(e, "verify", "Verify")
	kitDir := fs.String("kit", "", "the kit's root folder (default: the module holding the current folder)")
	verbose := fs.Bool("v", false, "say more about each check")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usage(e, "verify takes no arguments, got %q", fs.Args())
	}
	kit, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	checks := verify.Kit(e.ctx, kit, harnessSource())
	problems := verify.Write(e.stdout, checks, *verbose)
	if problems > 0 {
		fmt.Fprintf(e.stderr, "checker: verify: %d problem(s) in the kit at %s\n", problems, kit.Root)
		return 1
	}
	fmt.Fprintf(e.stdout, "verify: the kit at %s is consistent\n", kit.Root)
	return 0
}
