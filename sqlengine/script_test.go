package sqlengine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sferr"
)

// scriptSeeds are bodies of the forms parseScript reads.
var scriptSeeds = []string{
	"BEGIN RETURN 1; END",
	"\nDECLARE\n  y NUMBER DEFAULT 1;\n  z VARCHAR := 'a';\nBEGIN\n  LET w := y + 1;\n  w := w * 2;\n  INSERT INTO t VALUES (:w);\n  IF (w > 2) THEN RETURN w; ELSEIF (w = 0) THEN RETURN 0; ELSE RETURN NULL; END IF;\nEND\n",
	"BEGIN EXECUTE IMMEDIATE 'SELECT 1'; BEGIN SELECT * FROM IDENTIFIER(:ref); END; RETURN; END;",
	"BEGIN LET c := (SELECT COUNT(*) FROM t WHERE a = ';'); RETURN c; END",
	"BEGIN LET r := 0; CALL IDENTIFIER(:p)(21) INTO :r; RETURN r; END",
}

func TestParseScript(t *testing.T) {
	for _, src := range scriptSeeds {
		_, err := parseScript(src)
		require.NoError(t, err, src)
	}
	sc, err := parseScript(scriptSeeds[1])
	require.NoError(t, err)
	require.Len(t, sc.decls, 2)
	require.Equal(t, "Y", sc.decls[0].name)
	require.Equal(t, "1", sc.decls[0].text)
	require.Len(t, sc.body, 4)
	require.Equal(t, scriptIf, sc.body[3].kind)
	require.Len(t, sc.body[3].arms, 3)
	require.Equal(t, 9, sc.body[3].line)
	sc, err = parseScript(scriptSeeds[4])
	require.NoError(t, err)
	require.Equal(t, []string{"R"}, sc.body[1].into)
	require.Equal(t, "CALL IDENTIFIER(:p)(21)", sc.body[1].text)

	for _, tc := range []struct{ src, want string }{
		{"RETURN 1;", "BEGIN"},
		{"BEGIN RETURN 1 END", "expected ;"},
		{"BEGIN LET x = 1; END", "expected := or DEFAULT"},
		{"BEGIN IF x THEN RETURN 1; END IF; END", "expected ("},
		{"BEGIN BREAK; END", "BREAK outside a loop"},
		{"BEGIN RETURN 1; END; x", "expected the end"},
		{"BEGIN ; END", "empty statement"},
		{strings.Repeat("BEGIN ", 100) + strings.Repeat("END; ", 100), "nested too deeply"},
	} {
		_, err := parseScript(tc.src)
		require.Error(t, err, tc.src)
		require.True(t, sferr.Is(err, 1003), "%s: %v", tc.src, err)
		require.Contains(t, err.Error(), tc.want, tc.src)
	}
}

func TestSubstitute(t *testing.T) {
	vars := map[string]any{"X": int64(3), "S": "it's", "REF": "ENT_REF_TABLE_1_AB"}
	out, err := substitute("SELECT * FROM IDENTIFIER(:ref) WHERE a = :x AND b = :S AND t.x = x", vars, false)
	require.NoError(t, err)
	require.Equal(t, "SELECT * FROM IDENTIFIER('ENT_REF_TABLE_1_AB') WHERE a = 3 AND b = 'it''s' AND t.x = x", out)
	out, err = substitute("x + 1 || s || f(x) || a.x", vars, true)
	require.NoError(t, err)
	require.Equal(t, "3 + 1 || 'it''s' || f(3) || a.x", out)
	_, err = substitute("SELECT :nope", vars, false)
	require.Error(t, err)
	q, ok := wholeSubquery("(SELECT (1) FROM t)")
	require.True(t, ok)
	require.Equal(t, "SELECT (1) FROM t", q)
	_, ok = wholeSubquery("(SELECT 1) + (SELECT 2)")
	require.False(t, ok)
}

// FuzzParseScript checks that parseScript never panics and fails only
// with a syntax error.
func FuzzParseScript(f *testing.F) {
	for _, s := range scriptSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sc, err := parseScript(src)
		if err != nil {
			if !sferr.Is(err, 1003) {
				t.Fatalf("%q: not a syntax error: %v", src, err)
			}
			return
		}
		if sc == nil {
			t.Fatalf("%q: nil script without an error", src)
		}
		_, _ = substitute(src, map[string]any{"A": "x"}, true)
	})
}
