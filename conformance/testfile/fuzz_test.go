package testfile_test

import (
	"os"
	"strings"
	"testing"

	"github.com/frostgate/frostgate/conformance/testfile"
)

// FuzzParse checks that Parse never panics, that every error it returns is
// an *Error at a line of the input, and that a parsed file's canonical form
// parses back to the same records.
func FuzzParse(f *testing.F) {
	sample, err := os.ReadFile("testdata/sample.test")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(sample))
	for _, src := range invalids {
		f.Add(strings.ReplaceAll(src, marker, " "))
	}
	f.Add("statement error 002003 x\r\nSELECT 1\r\n")
	f.Add("query rowsort\nSELECT 1\n----\n\t\na\t\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := testfile.Parse("f.test", []byte(src))
		if err != nil {
			perr, ok := err.(*testfile.Error)
			if !ok {
				t.Fatalf("error %T, want *testfile.Error: %v", err, err)
			}
			if perr.Pos.File != "f.test" || perr.Pos.Line < 1 || perr.Pos.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("error position %v outside the input", perr.Pos)
			}
			return
		}
		text := file.String()
		again, err := testfile.Parse("f.test", []byte(text))
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, text)
		}
		if len(again.Records) != len(file.Records) {
			t.Fatalf("canonical form has %d records, want %d\n%s", len(again.Records), len(file.Records), text)
		}
		if got := again.String(); got != text {
			t.Fatalf("canonical form is not stable:\n%q\n%q", text, got)
		}
	})
}
