package layering

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/frostgate/frostgate/"

// rules is style.md C1 as data: for each package, the Frostgate packages it
// may depend on (itself and its subpackages always), whether anything
// outside the standard library is forbidden too, and, when imports is set,
// the only Frostgate packages it may import directly (its dependencies'
// dependencies are then allowed, not imported).
var rules = []struct {
	pkg        string
	allowed    []string
	stdlibOnly bool
	direct     bool // check the package's own imports, not everything they pull in
}{
	{pkg: "sferr", stdlibOnly: true},
	{pkg: "emulator/account", stdlibOnly: true},
	// sqlengine reads application folders (ALTER APPLICATION PACKAGE ... ADD
	// VERSION) with nativeapp, which knows no SQL and no account.
	{pkg: "sqlengine", allowed: []string{"emulator/account", "sferr", "nativeapp"}},
	{pkg: "nativeapp", allowed: []string{}},
	{pkg: "conformance/testfile", allowed: []string{"sferr"}},
	// The wire protocols reach the account only through sqlengine's
	// exported surface (whose own imports come along with it, hence direct).
	{pkg: "wire/snowflake", allowed: []string{"sqlengine", "sferr"}, direct: true},
	{pkg: "wire/pgwire", allowed: []string{"sqlengine", "sferr"}, direct: true},
	// The conformance runner depends on no emulator machinery but the
	// engine its inproc target wraps; the pg target speaks pgx.
	{pkg: "conformance", allowed: []string{"conformance/testfile", "sferr", "sqlengine", "emulator/account", "nativeapp", "wire"}},
	// emulator wires the pieces together; nothing above it.
	{pkg: "emulator", allowed: []string{"emulator/account", "sqlengine", "sferr", "nativeapp", "wire"}},
}

// TestLayering fails on each import the table forbids. A package a rule
// names must exist, so a rename cannot silently switch the check off.
func TestLayering(t *testing.T) {
	for _, r := range rules {
		t.Run(r.pkg, func(t *testing.T) {
			t.Parallel()
			self := module + r.pkg
			cmd := exec.Command("go", "list", "-e", "-deps", "-f",
				"{{if not .Standard}}{{.ImportPath}}{{end}}", self+"/...")
			if r.direct {
				// Each package's imports, one per line, then the package
				// itself so that a missing package still fails below.
				cmd = exec.Command("go", "list", "-e", "-f",
					`{{range .Imports}}{{.}}{{"\n"}}{{end}}{{.ImportPath}}`, self+"/...")
			}
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
				t.Fatalf("go list found no package %s", self)
			}
			allowed := []string{self}
			for _, a := range r.allowed {
				allowed = append(allowed, module+a)
			}
			for _, dep := range deps {
				if !within(dep, allowed) && (r.stdlibOnly || strings.HasPrefix(dep, module)) {
					t.Errorf("%s depends on %s, which style.md C1 forbids", self, dep)
				}
			}
		})
	}
}

func within(dep string, allowed []string) bool {
	for _, a := range allowed {
		if dep == a || strings.HasPrefix(dep, a+"/") {
			return true
		}
	}
	return false
}
