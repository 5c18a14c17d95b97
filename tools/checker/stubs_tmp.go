package main

import "errors"

// Written next: the watch mode and verify.
func runWatch(e *env, args []string) int  { return fail(e, errors.New("watch is not written yet")) }
func runVerify(e *env, args []string) int { return fail(e, errors.New("verify is not written yet")) }
