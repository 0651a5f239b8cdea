package sqlengine_test

import (
	"reflect"
	"testing"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

func addSeeds(f *testing.F) {
	for _, s := range valids {
		f.Add(s)
	}
	for _, tc := range invalids {
		f.Add(tc.src)
	}
}

// FuzzScan checks that the scanner always terminates, moves forward, and
// returns literals that are the source text at their positions.
func FuzzScan(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		var s sqlengine.Scanner
		s.Init(src, nil)
		last := sqlengine.Pos(-1)
		for n := 0; ; n++ {
			if n > len(src)+1 {
				t.Fatalf("more tokens than bytes in %q", src)
			}
			pos, tok, lit := s.Scan()
			if tok == sqlengine.EOF {
				if int(pos) != len(src) || lit != "" {
					t.Fatalf("EOF at %d with %q in %q", pos, lit, src)
				}
				return
			}
			if pos <= last || lit == "" || int(pos)+len(lit) > len(src) || src[pos:int(pos)+len(lit)] != lit {
				t.Fatalf("token %v %q at %d (previous at %d) in %q", tok, lit, pos, last, src)
			}
			last = pos
		}
	})
}

// FuzzParse checks that Parse never panics, fails only with a syntax error,
// and that every statement it accepts prints as SQL that parses back to an
// equal statement.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := sqlengine.ParseScript(src); err != nil && !sferr.Is(err, 1003) {
			t.Fatalf("ParseScript(%q): %v", src, err)
		}
		st, err := sqlengine.Parse(src)
		if err != nil {
			if !sferr.Is(err, 1003) {
				t.Fatalf("Parse(%q): %v", src, err)
			}
			return
		}
		text := st.String()
		again, err := sqlengine.Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", src, text, err)
		}
		if !reflect.DeepEqual(st, again) {
			t.Fatalf("Parse(%q).String() = %q parses differently:\n%#v\n%#v", src, text, st, again)
		}
	})
}
