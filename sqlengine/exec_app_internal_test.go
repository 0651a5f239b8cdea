package sqlengine

import (
	"strings"
	"testing"
)

func TestCheckSetupScript(t *testing.T) {
	ok := "-- comment\nCREATE APPLICATION ROLE IF NOT EXISTS R;\nCREATE OR ALTER VERSIONED SCHEMA C;\n" +
		"CREATE OR REPLACE PROCEDURE C.P() RETURNS STRING LANGUAGE SQL AS $$\nBEGIN\n  RETURN 'x;y';\nEND;\n$$;\n" +
		"GRANT USAGE ON PROCEDURE C.P() TO APPLICATION ROLE R;\n"
	if err := checkSetupScript("s.sql", ok); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ src, want string }{
		{ok + "\n\nSELEC 1;\n", "s.sql:12: SQL compilation error: syntax error line 12 at position 0 unexpected 'SELEC'."},
		{"CREATE SCHEMA C;\nGRANT USAGE ON SCHEMA C\n  TO APPLICATION ROLE R R2", "s.sql:3: SQL compilation error: syntax error line 3 at position 24"},
		{"CREATE SCHEMA 'C'", "s.sql:1: SQL compilation error: syntax error line 1 at position 14"},
	} {
		err := checkSetupScript("s.sql", tc.src)
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
	f.Fuzz(func(t *testing.T, src string) {
		err := checkSetupScript("s.sql", src)
		if err == nil {
			return
		}
		if !strings.HasPrefix(err.Error(), "s.sql:") {
			t.Fatalf("%q: %v", src, err)
		}
	})
}
