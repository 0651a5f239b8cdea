package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/sferr"
)

func TestSplitter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		lines []string
		want  []string // completed statements
		rest  string   // unterminated text at the end
	}{
		{"one per line", []string{"SELECT 1;", "SELECT 2;"}, []string{"SELECT 1", "SELECT 2"}, ""},
		{"several on a line", []string{"CREATE ROLE a; CREATE ROLE b ;"}, []string{"CREATE ROLE a", "CREATE ROLE b"}, ""},
		{"spanning lines", []string{"GRANT USAGE", "  ON DATABASE d", "  TO ROLE r;"}, []string{"GRANT USAGE\n  ON DATABASE d\n  TO ROLE r"}, ""},
		{"empty statements dropped", []string{";;", " ; SELECT 1;"}, []string{"SELECT 1"}, ""},
		{"semicolon in string", []string{"SELECT 'a;b', 'it''s;';"}, []string{"SELECT 'a;b', 'it''s;'"}, ""},
		{"backslash escape in string", []string{`SELECT 'a\';b';`}, []string{`SELECT 'a\';b'`}, ""},
		{"semicolon in identifier", []string{`CREATE ROLE "a;b";`}, []string{`CREATE ROLE "a;b"`}, ""},
		{"string across lines", []string{"SELECT 'a", ";b';"}, []string{"SELECT 'a\n;b'"}, ""},
		{"line comments", []string{"SELECT 1 -- no; end", "// nor; here", ";"}, []string{"SELECT 1 -- no; end\n// nor; here"}, ""},
		{"block comment", []string{"SELECT /* ; ", " ; */ 1;"}, []string{"SELECT /* ; \n ; */ 1"}, ""},
		{"dollar body", []string{"CREATE FUNCTION f() AS $$ a; ", "b; $$;"}, []string{"CREATE FUNCTION f() AS $$ a; \nb; $$"}, ""},
		{"unterminated", []string{"SELECT 1;", "SHOW ROLES"}, []string{"SELECT 1"}, "SHOW ROLES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var sp splitter
			var got []string
			for _, l := range tt.lines {
				got = append(got, sp.feed(l)...)
			}
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.rest != "", sp.pending())
			require.Equal(t, tt.rest, sp.rest())
			require.False(t, sp.pending())
		})
	}
}

// scripted answers statements for the shell tests and records them.
type scripted struct{ got []string }

func (s *scripted) exec(ctx context.Context, sql string) (*conformance.Result, error) {
	s.got = append(s.got, sql)
	switch sql {
	case "SHOW ROLES":
		return &conformance.Result{
			Columns: []string{"name", "assigned_to_users", "comment", "created_on"},
			Rows: [][]any{
				{"ACCOUNTADMIN", int64(1), nil, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
				{"ANALYST", int64(10), "multi\nline", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
			},
		}, nil
	case "CREATE ROLE é":
		return &conformance.Result{Columns: []string{"status"}, Rows: [][]any{{"Role É successfully created."}}}, nil
	case "SHOW NOTHING":
		return &conformance.Result{Columns: []string{"name"}}, nil
	}
	return nil, sferr.ObjectNotFound("Database", "X")
}

func TestShell(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     string
		prompt bool
		ran    []string
		out    string
	}{
		{
			name: "table",
			in:   "SHOW ROLES;\n",
			ran:  []string{"SHOW ROLES"},
			out: "" +
				"+--------------+-------------------+-------------+-------------------------------+\n" +
				"| name         | assigned_to_users | comment     | created_on                    |\n" +
				"|--------------+-------------------+-------------+-------------------------------|\n" +
				"| ACCOUNTADMIN |                 1 | NULL        | 2024-01-02 03:04:05.000 +0000 |\n" +
				"| ANALYST      |                10 | multi\\nline | 2024-01-02 03:04:05.000 +0000 |\n" +
				"+--------------+-------------------+-------------+-------------------------------+\n" +
				"2 Row(s) produced.\n",
		},
		{
			name: "multi-byte text aligns by character",
			in:   "CREATE ROLE é;",
			ran:  []string{"CREATE ROLE é"},
			out: "" +
				"+------------------------------+\n" +
				"| status                       |\n" +
				"|------------------------------|\n" +
				"| Role É successfully created. |\n" +
				"+------------------------------+\n" +
				"1 Row(s) produced.\n",
		},
		{
			name: "no rows",
			in:   "SHOW NOTHING;",
			ran:  []string{"SHOW NOTHING"},
			out:  "+------+\n| name |\n|------|\n+------+\n0 Row(s) produced.\n",
		},
		{
			name: "error",
			in:   "USE DATABASE x;\n",
			ran:  []string{"USE DATABASE x"},
			out:  "002003 (02000): SQL compilation error:\nDatabase 'X' does not exist or not authorized.\n",
		},
		{
			name: "quit stops reading",
			in:   "\\q\nSHOW NOTHING;\n",
			out:  "",
		},
		{
			name: "quit inside a statement is SQL",
			in:   "SHOW\nquit;\nexit\n",
			ran:  []string{"SHOW\nquit"},
			out:  "002003 (02000): SQL compilation error:\nDatabase 'X' does not exist or not authorized.\n",
		},
		{
			name: "unterminated statement runs at end of input",
			in:   "SHOW NOTHING",
			ran:  []string{"SHOW NOTHING"},
			out:  "+------+\n| name |\n|------|\n+------+\n0 Row(s) produced.\n",
		},
		{
			name:   "prompts",
			in:     "SHOW NOTHING\n;\n",
			prompt: true,
			ran:    []string{"SHOW NOTHING"},
			out:    "frostgate>        ..> +------+\n| name |\n|------|\n+------+\n0 Row(s) produced.\nfrostgate> \n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var sc scripted
			var out bytes.Buffer
			sh := &shell{exec: sc.exec, in: strings.NewReader(tt.in), out: &out, prompt: tt.prompt}
			require.NoError(t, sh.run(context.Background()))
			require.Equal(t, tt.ran, sc.got)
			require.Equal(t, tt.out, out.String())
		})
	}
}
