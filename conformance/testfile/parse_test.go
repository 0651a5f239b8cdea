package testfile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance/testfile"
)

func pos(line int) testfile.Pos { return testfile.Pos{File: "t.test", Line: line} }

func TestParseValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []testfile.Record
	}{
		{name: "empty", src: "", want: nil},
		{name: "comments and blanks only", src: "# a\n\n  \n# b\n", want: nil},
		{
			name: "statement ok multi-line with semicolon",
			src:  "statement ok\nCREATE ROLE r\n  COMMENT = 'x';\n",
			want: []testfile.Record{&testfile.Statement{Pos: pos(1), SQL: "CREATE ROLE r\n  COMMENT = 'x';"}},
		},
		{
			name: "statement ok without final newline",
			src:  "statement ok\nSELECT 1",
			want: []testfile.Record{&testfile.Statement{Pos: pos(1), SQL: "SELECT 1"}},
		},
		{
			name: "bare statement error",
			src:  "statement error\nSELECT 1\n",
			want: []testfile.Record{&testfile.Statement{Pos: pos(1), SQL: "SELECT 1", Error: true}},
		},
		{
			name: "statement error code and text",
			src:  "statement error 002003 Database 'X'  does not exist \nUSE DATABASE x\n",
			want: []testfile.Record{&testfile.Statement{Pos: pos(1), SQL: "USE DATABASE x", Error: true, Code: "002003", Text: "Database 'X'  does not exist"}},
		},
		{
			name: "statement error text only",
			src:  "statement error not authorized\nUSE DATABASE x\n",
			want: []testfile.Record{&testfile.Statement{Pos: pos(1), SQL: "USE DATABASE x", Error: true, Text: "not authorized"}},
		},
		{
			name: "statement error five digits is text",
			src:  "statement error 02000\nUSE DATABASE x\n",
			want: []testfile.Record{&testfile.Statement{Pos: pos(1), SQL: "USE DATABASE x", Error: true, Text: "02000"}},
		},
		{
			name: "query with rows",
			src:  "query rowsort columns=name,Privilege\nSHOW GRANTS\n----\na\tb\nNULL\t(empty)\n",
			want: []testfile.Record{&testfile.Query{Pos: pos(1), SQL: "SHOW GRANTS", RowSort: true,
				Columns: []string{"name", "Privilege"}, Rows: [][]string{{"a", "b"}, {"NULL", "(empty)"}}}},
		},
		{
			name: "query options in either order",
			src:  "query columns=a rowsort\nSELECT 1\n----\n1\n",
			want: []testfile.Record{&testfile.Query{Pos: pos(1), SQL: "SELECT 1", RowSort: true, Columns: []string{"a"}, Rows: [][]string{{"1"}}}},
		},
		{
			name: "query without rows",
			src:  "query\nSHOW ROLES\n----\n\nstatement ok\nSELECT 1\n",
			want: []testfile.Record{
				&testfile.Query{Pos: pos(1), SQL: "SHOW ROLES"},
				&testfile.Statement{Pos: pos(5), SQL: "SELECT 1"},
			},
		},
		{
			name: "rows may look like records or separators",
			src:  "query\nSELECT x\n----\nstatement ok\n----\n# not a comment\n",
			want: []testfile.Record{&testfile.Query{Pos: pos(1), SQL: "SELECT x",
				Rows: [][]string{{"statement ok"}, {"----"}, {"# not a comment"}}}},
		},
		{
			name: "hash line inside SQL is SQL",
			src:  "statement ok\nSELECT 1\n# x\n",
			want: []testfile.Record{&testfile.Statement{Pos: pos(1), SQL: "SELECT 1\n# x"}},
		},
		{
			name: "bare query line inside SQL is SQL",
			src:  "query\nSELECT\nquery\nFROM t\n----\n",
			want: []testfile.Record{&testfile.Query{Pos: pos(1), SQL: "SELECT\nquery\nFROM t"}},
		},
		{
			name: "session forms",
			src: "session bob\n\nsession bob user=BOB password= role=R secondary=all\n\n" +
				"session x user=X password=p error\n\nsession y user=Y error 390100\n",
			want: []testfile.Record{
				&testfile.Session{Pos: pos(1), Name: "bob"},
				&testfile.Session{Pos: pos(3), Name: "bob", Opts: []testfile.Option{
					{Key: "user", Value: "BOB"}, {Key: "password", Value: ""}, {Key: "role", Value: "R"}, {Key: "secondary", Value: "ALL"}}},
				&testfile.Session{Pos: pos(5), Name: "x", Opts: []testfile.Option{{Key: "user", Value: "X"}, {Key: "password", Value: "p"}}, Error: true},
				&testfile.Session{Pos: pos(7), Name: "y", Opts: []testfile.Option{{Key: "user", Value: "Y"}}, Error: true, Code: "390100"},
			},
		},
		{
			name: "password keeps equals signs",
			src:  "session s user=U password=a=b\n",
			want: []testfile.Record{&testfile.Session{Pos: pos(1), Name: "s", Opts: []testfile.Option{{Key: "user", Value: "U"}, {Key: "password", Value: "a=b"}}}},
		},
		{
			name: "conditions",
			src:  "skipif snowflake\nonlyif inproc\nstatement ok\nSELECT 1\n",
			want: []testfile.Record{&testfile.Statement{Pos: pos(3), SQL: "SELECT 1",
				Conds: []testfile.Condition{{Target: "snowflake"}, {Only: true, Target: "inproc"}}}},
		},
		{
			name: "CRLF",
			src:  "statement ok\r\nSELECT 1\r\n\r\nquery\r\nSELECT 2\r\n----\r\n2\r\n",
			want: []testfile.Record{
				&testfile.Statement{Pos: pos(1), SQL: "SELECT 1"},
				&testfile.Query{Pos: pos(4), SQL: "SELECT 2", Rows: [][]string{{"2"}}},
			},
		},
		{
			name: "white space only line separates",
			src:  "statement ok\nSELECT 1\n \t \nstatement ok\nSELECT 2\n",
			want: []testfile.Record{
				&testfile.Statement{Pos: pos(1), SQL: "SELECT 1"},
				&testfile.Statement{Pos: pos(4), SQL: "SELECT 2"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := testfile.Parse("t.test", []byte(tt.src))
			require.NoError(t, err)
			require.Equal(t, "t.test", f.Name)
			require.Equal(t, tt.want, f.Records)

			// The canonical text parses to the same records.
			again, err := testfile.Parse("t.test", []byte(f.String()))
			require.NoError(t, err, "canonical form:\n%s", f.String())
			require.Equal(t, f.String(), again.String())
		})
	}
}

// Each invalid input marks the line where the error must be reported with a
// trailing " <<< TEXT"; the marker is removed before parsing, and the error
// must read "t.test:LINE: ..." with a message containing TEXT.
var invalids = []string{
	"statement <<< statement needs ok or error",
	"statement maybe <<< unknown statement kind \"maybe\"",
	"statement ok please <<< unexpected \"please\" after statement ok",
	"statement ok <<< missing SQL on the line after \"statement ok\"",
	"statement ok <<< missing SQL\n\nSELECT 1",
	"statement error 002003 <<< missing SQL",
	"statement ok\nSELECT 1\n---- <<< statement has no \"----\" results; use query",
	"statement ok\nCREATE ROLE a\nstatement ok <<< \"statement ok\" starts a new record: separate records with a blank line",
	"query\nSELECT 1\nsession bob user=BOB <<< starts a new record",
	"statement ok\nSELECT 1\nskipif x <<< starts a new record",
	"select 1 <<< unknown record \"select\"",
	"  # indented comment <<< unknown record \"#\"",
	"query I <<< unknown query option \"I\"",
	"query rowsort rowsort <<< rowsort given twice",
	"query columns=a columns=b <<< columns= given twice",
	"query columns= <<< empty column name",
	"query columns=a,,b <<< empty column name",
	"query <<< query has no \"----\" line after its SQL\nSELECT 1",
	"query <<< query has no \"----\"\nSELECT 1\n\n----",
	"query <<< query needs SQL before \"----\"\n----\n1",
	"query <<< missing SQL",
	"session <<< session needs a name",
	"session user=BOB <<< session needs a name before \"user=BOB\"",
	"session s bob <<< unexpected \"bob\" in session",
	"session s host=x <<< unknown session option \"host\"",
	"session s user=A user=B <<< session option user= given twice",
	"session s secondary=SOME <<< secondary=SOME: want ALL or NONE",
	"session s user=A error 2003 <<< session error code \"2003\": want six digits",
	"session s user=A error 390100 now <<< unexpected \"now\" after session error",
	"session s password=x error <<< needs user=",
	"session s user=A secondary=ALL error <<< secondary= does not apply",
	"skipif <<< skipif needs exactly one target name",
	"onlyif a b <<< onlyif needs exactly one target name",
	"skipif inproc <<< skipif inproc is not followed by a record",
	"skipif inproc\n <<< skipif inproc at line 1 must be followed directly by a record\nstatement ok\nSELECT 1",
	"onlyif inproc\n# why <<< onlyif inproc at line 1 must be followed directly",
	"statement ok\nSELECT 1\n\nquery rowsort junk <<< unknown query option \"junk\"",
}

const marker = " <<< "

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	for _, src := range invalids {
		lines := strings.Split(src, "\n")
		line, pattern := 0, ""
		for i, l := range lines {
			if before, after, ok := strings.Cut(l, marker); ok {
				lines[i], line, pattern = before, i+1, after
			}
		}
		require.NotZero(t, line, "no marker in %q", src)
		t.Run(lines[0], func(t *testing.T) {
			t.Parallel()
			f, err := testfile.Parse("t.test", []byte(strings.Join(lines, "\n")))
			require.Error(t, err, "parsed as %v", f)
			require.Nil(t, f)
			var perr *testfile.Error
			require.True(t, errors.As(err, &perr))
			assert.Equal(t, testfile.Pos{File: "t.test", Line: line}, perr.Pos, "error: %v", err)
			assert.Contains(t, perr.Msg, pattern)
			assert.True(t, strings.HasPrefix(err.Error(), perr.Pos.String()+": "), err.Error())
		})
	}
}

func TestParseFileSample(t *testing.T) {
	t.Parallel()
	f, err := testfile.ParseFile("testdata/sample.test")
	require.NoError(t, err)
	require.Len(t, f.Records, 9)

	want := []struct {
		line int
		text string
	}{
		{4, "statement ok\nCREATE ROLE analyst;"},
		{7, "statement error 002003 does not exist or not authorized\nUSE DATABASE nowhere"},
		{10, "statement error\nGRANT\n  NOTHING"},
		{14, "query rowsort columns=privilege,granted_on\nSHOW GRANTS TO ROLE analyst\n----\nUSAGE\tDATABASE\nOWNERSHIP\tROLE"},
		{20, "query\nSELECT NULL, ''\n----\nNULL\t(empty)"},
		{25, "query\nSHOW ROLES LIKE 'NOBODY'\n----"},
		{29, "session bob user=BOB password=secret role=ANALYST secondary=NONE"},
		{31, "session eve user=EVE password=wrong error 390100"},
		{35, "skipif snowflake\nonlyif inproc\nsession admin"},
	}
	for i, w := range want {
		assert.Equal(t, testfile.Pos{File: "testdata/sample.test", Line: w.line}, f.Records[i].Position(), "record %d", i)
		assert.Equal(t, w.text, f.Records[i].String(), "record %d", i)
	}
}

func TestParseFileMissing(t *testing.T) {
	t.Parallel()
	_, err := testfile.ParseFile("testdata/no-such.test")
	require.Error(t, err)
}

func TestApplies(t *testing.T) {
	t.Parallel()
	skip := func(n string) testfile.Condition { return testfile.Condition{Target: n} }
	only := func(n string) testfile.Condition { return testfile.Condition{Only: true, Target: n} }
	tests := []struct {
		name   string
		conds  []testfile.Condition
		target string
		want   bool
	}{
		{"none", nil, "inproc", true},
		{"skipif other", []testfile.Condition{skip("snowflake")}, "inproc", true},
		{"skipif this", []testfile.Condition{skip("snowflake"), skip("inproc")}, "inproc", false},
		{"skipif case-insensitive", []testfile.Condition{skip("InProc")}, "inproc", false},
		{"onlyif this", []testfile.Condition{only("inproc")}, "inproc", true},
		{"onlyif other", []testfile.Condition{only("snowflake")}, "inproc", false},
		{"onlyif any of", []testfile.Condition{only("snowflake"), only("inproc")}, "inproc", true},
		{"skipif beats onlyif", []testfile.Condition{only("inproc"), skip("inproc")}, "inproc", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, testfile.Applies(tt.conds, tt.target))
		})
	}
}

func TestPosString(t *testing.T) {
	t.Parallel()
	require.Equal(t, "a.test:3", testfile.Pos{File: "a.test", Line: 3}.String())
	require.Equal(t, "a.test", testfile.Pos{File: "a.test"}.String())
}
