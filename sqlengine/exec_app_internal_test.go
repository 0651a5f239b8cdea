package sqlengine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frostgate/frostgate/nativeapp"
)

// scriptFolder is an application folder in dir whose setup script s.sql
// holds src.
func scriptFolder(dir, src string) *nativeapp.Folder {
	return &nativeapp.Folder{Dir: dir, Manifest: &nativeapp.Manifest{SetupScript: "s.sql"}, SetupScript: src}
}

// TestCheckSetupScriptIncludes: EXECUTE IMMEDIATE FROM files are read when
// the script is checked, relative to the including file, and their
// problems name the including statement.
func TestCheckSetupScriptIncludes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lib/a.sql", "CREATE SCHEMA A;\nEXECUTE IMMEDIATE FROM 'b.sql';\n")
	write("lib/b.sql", "-- b\nCREATE SCHEMA B;\n")
	write("lib/bad.sql", "\n\nSELEC 1;\n")
	write("loop.sql", "EXECUTE IMMEDIATE FROM '/loop.sql';")
	f := scriptFolder(dir, "EXECUTE IMMEDIATE FROM './lib/a.sql';\n")
	if err := checkSetupScript(f); err != nil {
		t.Fatal(err)
	}
	if len(f.Files) != 2 || f.Files["lib/b.sql"] != "-- b\nCREATE SCHEMA B;\n" {
		t.Fatalf("files read: %v", f.Files)
	}
	for _, tc := range []struct{ src, want string }{
		{"\nEXECUTE IMMEDIATE FROM 'lib/bad.sql'", filepath.Join(dir, "lib", "bad.sql") + ":3: SQL compilation error: syntax error line 3 at position 0 unexpected 'SELEC'."},
		{"\nEXECUTE IMMEDIATE FROM 'lib/none.sql'", filepath.Join(dir, "s.sql") + ":2: SQL execution error: cannot read 'lib/none.sql': no such file or directory"},
		{"EXECUTE IMMEDIATE FROM '../x.sql'", filepath.Join(dir, "s.sql") + ":1: SQL execution error: '../x.sql' is outside the application folder"},
		{"EXECUTE IMMEDIATE FROM '@stage/x.sql'", "Unsupported feature 'EXECUTE IMMEDIATE FROM a stage'."},
		{"EXECUTE IMMEDIATE FROM 'loop.sql'", filepath.Join(dir, "loop.sql") + ":1: SQL execution error: EXECUTE IMMEDIATE FROM files nested more than 16 deep."},
	} {
		err := checkSetupScript(scriptFolder(dir, tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %s", tc.src, err, tc.want)
		}
	}
}

func TestCheckSetupScript(t *testing.T) {
	ok := "-- comment\nCREATE APPLICATION ROLE IF NOT EXISTS R;\nCREATE OR ALTER VERSIONED SCHEMA C;\n" +
		"CREATE OR REPLACE PROCEDURE C.P() RETURNS STRING LANGUAGE SQL AS $$\nBEGIN\n  RETURN 'x;y';\nEND;\n$$;\n" +
		"GRANT USAGE ON PROCEDURE C.P() TO APPLICATION ROLE R;\n"
	if err := checkSetupScript(scriptFolder("", ok)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ src, want string }{
		{ok + "\n\nSELEC 1;\n", "s.sql:12: SQL compilation error: syntax error line 12 at position 0 unexpected 'SELEC'."},
		{"CREATE SCHEMA C;\nGRANT USAGE ON SCHEMA C\n  TO APPLICATION ROLE R R2", "s.sql:3: SQL compilation error: syntax error line 3 at position 24"},
		{"CREATE SCHEMA 'C'", "s.sql:1: SQL compilation error: syntax error line 1 at position 14"},
	} {
		err := checkSetupScript(scriptFolder("", tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %s", tc.src, err, tc.want)
		}
	}
}

// FuzzCheckSetupScript: any script is either accepted or refused with an
// error naming the file and a line inside the script; never a panic.
func FuzzCheckSetupScript(f *testing.F) {
	f.Add("CREATE APPLICATION ROLE R;\nCREATE OR ALTER VERSIONED SCHEMA C;\n")
	f.Add("CREATE PROCEDURE C.P() RETURNS STRING LANGUAGE SQL AS $$ BEGIN RETURN 1; END; $$;\nSELEC")
	f.Add("'unterminated\n;")
	f.Add("EXECUTE IMMEDIATE FROM './s.sql';\n")
	f.Add("EXECUTE IMMEDIATE FROM '../x.sql'")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src string) {
		err := checkSetupScript(scriptFolder(dir, src))
		if err == nil {
			return
		}
		if !strings.HasPrefix(err.Error(), filepath.Join(dir, "s.sql")+":") {
			t.Fatalf("%q: %v", src, err)
		}
	})
}

// Setup scripts split as SplitStatements splits: an anonymous block keeps
// its inner semicolons, each statement knows its first line, and a last
// statement without ';' counts.
func TestSplitSetupScript(t *testing.T) {
	src := "CREATE SCHEMA A;\n-- a comment; with a semicolon\nBEGIN\n  CREATE SCHEMA B;\n  CREATE SCHEMA C;\nEND;\n\nCREATE SCHEMA 'x;y'"
	got := splitSetupScript(src)
	want := []setupStatement{
		{text: "CREATE SCHEMA A", line: 1},
		{text: "BEGIN\n  CREATE SCHEMA B;\n  CREATE SCHEMA C;\nEND", line: 3},
		{text: "CREATE SCHEMA 'x;y'", line: 8},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d statements %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
