package sqlengine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// scriptSeeds are bodies of the forms parseScript reads.
var scriptSeeds = []string{
	"BEGIN RETURN 1; END",
	"\nDECLARE\n  y NUMBER DEFAULT 1;\n  z VARCHAR := 'a';\nBEGIN\n  LET w := y + 1;\n  w := w * 2;\n  INSERT INTO t VALUES (:w);\n  IF (w > 2) THEN RETURN w; ELSEIF (w = 0) THEN RETURN 0; ELSE RETURN NULL; END IF;\nEND\n",
	"BEGIN EXECUTE IMMEDIATE 'SELECT 1'; BEGIN SELECT * FROM IDENTIFIER(:ref); END; RETURN; END;",
	"BEGIN LET c := (SELECT COUNT(*) FROM t WHERE a = ';'); RETURN c; END",
	"BEGIN LET r := 0; CALL IDENTIFIER(:p)(21) INTO :r; RETURN r; END",
	"BEGIN\n  CASE (operation)\n    WHEN 'ADD' THEN\n      SELECT SYSTEM$SET_REFERENCE(:ref_name, :ref_or_alias);\n    WHEN 'REMOVE' THEN\n      SELECT 1;\n  ELSE\n    RETURN 'unknown operation: ' || operation;\n  END CASE;\n  RETURN NULL;\nEND;",
	"BEGIN CASE WHEN x > 1 THEN RETURN 1; WHEN (CASE WHEN y THEN TRUE END) THEN NULL; ELSE x := 2; END CASE; END",
	"DECLARE c INTEGER DEFAULT 0; BEGIN FOR i IN REVERSE 1 TO c + 3 DO c := c + i; IF (i = 2) THEN CONTINUE; END IF; END FOR; FOR j IN 1 TO 2 LOOP BREAK; END LOOP l; RETURN c; END",
	"DECLARE c1 CURSOR FOR SELECT a FROM t WHERE b > ?; x INT; BEGIN OPEN c1 USING (1); FETCH c1 INTO x; CLOSE c1; FOR r IN c1 DO x := x + r.a; INSERT INTO u VALUES (:r.a); END FOR; RETURN TABLE(RESULTSET_FROM_CURSOR(c1)); END",
	"DECLARE n INT DEFAULT 0; BEGIN WHILE (n < 3) DO n := n + 1; END WHILE; REPEAT n := n - 1; UNTIL (n = 0) END REPEAT; LOOP EXIT outer; END LOOP outer; ITERATE_NOT := 1; END",
	"DECLARE res RESULTSET DEFAULT (SELECT 1); BEGIN LET rs RESULTSET := (EXECUTE IMMEDIATE :q USING (a, 1)); EXECUTE IMMEDIATE $$SELECT ?$$ USING (2); res := (SELECT a FROM t); LET c CURSOR FOR res; SELECT a, b INTO :x, :y FROM t; RETURN TABLE(rs); END",
	"DECLARE e EXCEPTION (-20001, 'msg'); BEGIN BEGIN RAISE e; EXCEPTION WHEN e OR STATEMENT_ERROR THEN RAISE; END; EXCEPTION WHEN OTHER THEN RETURN SQLCODE || SQLERRM || SQLSTATE; END",
	"BEGIN NULL; EXCEPTION WHEN OTHER CONTINUE THEN NULL; WHEN e EXIT THEN RETURN 1; END",
	"BEGIN LET rs RESULTSET := ASYNC (SELECT 1); ASYNC (INSERT INTO t VALUES (1)); AWAIT rs; AWAIT ALL; CANCEL rs; RETURN TABLE(rs); END",
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
	require.Equal(t, scriptSQL, sc.body[1].kind)
	require.Equal(t, []string{"R"}, sc.body[1].into)
	require.Equal(t, "CALL IDENTIFIER(:p)(21)", sc.body[1].text)

	for _, tc := range []struct{ src, want string }{
		{"RETURN 1;", "BEGIN"},
		{"BEGIN RETURN 1 END", "expected ;"},
		{"BEGIN LET x = 1; END", "expected := or DEFAULT"},
		{"BEGIN IF x THEN RETURN 1; END IF; END", "expected ("},
		{"BEGIN BREAK; END", "BREAK outside a loop"},
		{"BEGIN BEGIN RETURN 1; EXCEPTION WHEN OTHER THEN CONTINUE; END; END", "CONTINUE outside a loop"},
		{"BEGIN CASE (1) END CASE; END", "expected WHEN"},
		{"BEGIN CASE WHEN 1 THEN NULL; END; END", "expected CASE"},
		{"BEGIN FOR i IN 1 TO 3 DO NULL; END LOOP x y; END", "expected ;"},
		{"BEGIN FOR i IN 1 TO 3; END", "expected DO or LOOP"},
		{"BEGIN REPEAT NULL; END REPEAT; END", "expected UNTIL"},
		{"BEGIN WHILE (TRUE) DO NULL; END FOR; END", "expected WHILE or LOOP"},
		{"BEGIN FETCH c; END", "expected INTO"},
		{"BEGIN RETURN TABLE(); END", "expected a RESULTSET"},
		{"BEGIN RETURN 1; EXCEPTION END", "expected WHEN"},
		{"DECLARE e EXCEPTION (-20000, 2); BEGIN RETURN 1; END", "expected a message"},
		{"DECLARE e EXCEPTION (1, 'm'); BEGIN RETURN 1; END", "between -20999 and -20000"},
		{"BEGIN SELECT a INTO : FROM t; END", "expected a variable"},
		{"BEGIN LET c CURSOR FOR ; END", "expected a query"},
		{"BEGIN ELSE; END", "unexpected 'ELSE' (expected END or EXCEPTION)"},
		{"BEGIN " + strings.Repeat("LOOP ", 100) + strings.Repeat("END LOOP; ", 100) + "END", "nested too deeply"},
		{"BEGIN " + strings.Repeat("IF (1) THEN ", 100) + strings.Repeat("END IF; ", 100) + "END", "nested too deeply"},
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

// FuzzSplitStatements checks that the block-aware splitter never panics
// and returns pieces of its input.
func FuzzSplitStatements(f *testing.F) {
	for _, s := range scriptSeeds {
		f.Add(s)
		f.Add("SELECT 1; " + s + "; BEGIN; SELECT 2")
	}
	f.Fuzz(func(t *testing.T, src string) {
		stmts, rest := SplitStatements(src)
		for _, st := range stmts {
			if !strings.Contains(src, st) {
				t.Fatalf("%q: statement %q is not in the input", src, st)
			}
		}
		if !strings.HasSuffix(src, rest) {
			t.Fatalf("%q: rest %q does not end the input", src, rest)
		}
	})
}

// The sample application's callbacks, in the documentation's CASE form,
// parse as procedure bodies.
func TestSampleAppBodiesParse(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "fixtures", "apps", "sample_app", "setup.sql"))
	require.NoError(t, err)
	stmts, err := ParseScript(string(src))
	require.NoError(t, err)
	n := 0
	for _, st := range stmts {
		if cp, ok := st.(*CreateProcedure); ok && cp.Body != nil {
			sc, err := parseScript(*cp.Body)
			require.NoError(t, err, cp.Name)
			require.NotEmpty(t, sc.body)
			n++
		}
	}
	require.Positive(t, n, "the sample app has LANGUAGE SQL procedures")
}

// SELECT ... INTO loses INTO and keeps the rest of the statement.
func TestParseSelectInto(t *testing.T) {
	sc, err := parseScript("BEGIN SELECT MIN(a), MAX(a) INTO :lo, :hi FROM t WHERE b = 'INTO'; END")
	require.NoError(t, err)
	require.Equal(t, "SELECT MIN(a), MAX(a) FROM t WHERE b = 'INTO'", sc.body[0].text)
	require.Equal(t, []string{"LO", "HI"}, sc.body[0].into)
}

// FuzzRunScript runs bodies as anonymous blocks: whatever the input, a run
// ends (the step bound) with a result or a Snowflake error, never a panic.
func FuzzRunScript(f *testing.F) {
	for _, s := range scriptSeeds {
		f.Add(s)
	}
	f.Add("DECLARE c CURSOR FOR SELECT a FROM t; BEGIN FOR r IN c DO RETURN r.a; END FOR; END")
	f.Add("BEGIN LET rs RESULTSET := (SELECT a, b FROM t); RETURN TABLE(rs); END")
	ctx := context.Background()
	eng := New(account.New(account.Config{}))
	s, err := eng.Open(ctx, Login{User: "ADMIN", Password: "admin", Role: "ACCOUNTADMIN"})
	require.NoError(f, err)
	for _, q := range []string{"CREATE DATABASE D", "USE SCHEMA D.PUBLIC", "USE WAREHOUSE COMPUTE_WH",
		"CREATE TABLE T (A INT, B VARCHAR)", "INSERT INTO T VALUES (1, 'x'), (2, 'y')"} {
		_, err := s.Execute(ctx, q)
		require.NoError(f, err, q)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := parseScript(src); err != nil {
			return
		}
		if _, err := s.Execute(ctx, "EXECUTE IMMEDIATE "+quoteString(src)); err != nil && sferr.As(err) == nil {
			t.Fatalf("%q: not a Snowflake error: %v", src, err)
		}
	})
}
