// Package layering holds the test that enforces the import rules of
// Frostgate's architecture (style.md C1): one table of which package may
// depend on what, checked with `go list -deps`.
package layering
