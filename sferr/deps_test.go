package sferr_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// TestDeps enforces the layering of style.md C1: sferr imports the
// standard library only.
// It lists what this package and its subpackages depend on (tests excluded)
// and fails on each forbidden import.
func TestDeps(t *testing.T) {
	t.Parallel()
	const module = "github.com/frostgate/frostgate/"
	self := module + "sferr"
	allowed := []string{self}

	// go test runs a package's tests in its folder, with the go tool on PATH.
	cmd := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./...")
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("go list: %v\n%s", err, exit.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 {
		t.Fatal("go list found no packages")
	}
	for _, dep := range deps {
		if !isAllowed(dep, allowed) && (stdlibOnly || strings.HasPrefix(dep, module)) {
			t.Errorf("%s depends on %s, which style.md C1 forbids", self, dep)
		}
	}
}

// stdlibOnly forbids every dependency outside the standard library and the
// allowed packages, not only other Frostgate packages.
const stdlibOnly = true

// isAllowed reports whether dep is one of allowed or inside one of them.
func isAllowed(dep string, allowed []string) bool {
	for _, a := range allowed {
		if dep == a || strings.HasPrefix(dep, a+"/") {
			return true
		}
	}
	return false
}
