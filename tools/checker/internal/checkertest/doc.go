// Package checkertest holds the test helpers several of the checker's
// packages share: copying and hashing folders, writing files, opening the
// fake kit. It is imported by tests only.
package checkertest
