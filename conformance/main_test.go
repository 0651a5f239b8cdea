package conformance_test

import (
	"os"
	"testing"
)

// TestMain runs the package's tests from the repository root, as "make test"
// runs "frostgate conformance conformance/testdata": files under
// testdata/apps name application folders by paths relative to the root
// (fixtures/apps/...), which ALTER APPLICATION PACKAGE ... USING resolves
// against the process's working directory.
func TestMain(m *testing.M) {
	if err := os.Chdir(".."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
