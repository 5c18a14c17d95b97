package main

import "errors"

// Written next: the watch mode and verify.

func runVerify(e *env, args []string) int { return fail(e, errors.New("verify is not written yet")) }
