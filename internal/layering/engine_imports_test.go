package layering

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEngineImportsConfined checks style.md C1 inside sqlengine: only the
// data.go family (data.go, data_*.go) imports go-mysql-server or its
// vitess parser, so that every use of the engine sits behind the
// authorization and error mapping those files implement.
func TestEngineImportsConfined(t *testing.T) {
	dir := filepath.Join("..", "..", "sqlengine")
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sqlengine sources found: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(f)
		dataFamily := base == "data.go" || strings.HasPrefix(base, "data_")
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/dolthub/") && !dataFamily {
				t.Errorf("%s imports %s; only data.go and data_*.go may (style.md C1)", base, path)
			}
		}
	}
}
