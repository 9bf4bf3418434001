// Package presubmit holds tests that enforce the house style over the
// whole tree (STYLE.md item 17). It has no code of its own.
package presubmit
