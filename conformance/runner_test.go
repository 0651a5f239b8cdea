package conformance_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/conformance/testfile"
)

func posOf(path string, line int) testfile.Pos { return testfile.Pos{File: path, Line: line} }

// writeFiles writes name → content under a new temporary folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

func TestRunRecords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		line    int    // line of the expected failure; 0 with msg "" for a pass
		msg     string // the failure message, exactly
		wantLog []string
	}{
		// Records that pass.
		{name: "empty file", src: "# nothing\n", wantLog: []string{"account", "login ADMIN/admin role=ACCOUNTADMIN"}},
		{name: "statement ok", src: "statement ok\nCREATE ROLE r;\n",
			wantLog: []string{"account", "login ADMIN/admin role=ACCOUNTADMIN", "ADMIN: CREATE ROLE r;"}},
		{name: "statement ok ignores rows", src: "statement ok\nSHOW GRANTS\n"},
		{name: "statement error bare", src: "statement error\nUSE DATABASE nowhere\n"},
		{name: "statement error code", src: "statement error 002003\nUSE DATABASE nowhere\n"},
		{name: "statement error code and text", src: "statement error 002003 Database 'NOWHERE' does not exist\nUSE DATABASE nowhere\n"},
		{name: "text matches across the newline", src: "statement error 002003 SQL compilation error: Database 'NOWHERE'\nUSE DATABASE nowhere\n"},
		{name: "text keeps double spaces", src: "statement error 003013 ANALYST' is not assigned to the executing user.  Specify\nUSE ROLE analyst\n"},
		{name: "text of an error without a number", src: "statement error connection reset by peer\nBROKEN\n"},
		{name: "query", src: "query\nSELECT 1\n----\n1\n"},
		{name: "query in order", src: "query columns=privilege,name\nSHOW GRANTS\n----\nUSAGE\tSALES\nOWNERSHIP\tANALYST\n"},
		{name: "query rowsort", src: "query rowsort columns=PRIVILEGE,Name\nSHOW GRANTS\n----\nOWNERSHIP\tANALYST\nUSAGE\tSALES\n"},
		{name: "query columns reorder", src: "query columns=name,granted_on\nSHOW GRANTS\n----\nSALES\tDATABASE\nANALYST\tROLE\n"},
		{name: "query all columns with time", src: "query\nSHOW GRANTS\n----\n" +
			"2024-05-06 07:08:09.123 -0700\tUSAGE\tDATABASE\tSALES\n2024-05-06 07:08:09.123 -0700\tOWNERSHIP\tROLE\tANALYST\n"},
		{name: "query no rows", src: "query\nSHOW NOTHING\n----\n"},
		{name: "query value rendering", src: "query\nSELECT values\n----\nNULL\t(empty)\ttrue\t-3\t2\t0.25\t2024-05-06 07:08:09.123 -0700\ta\\tb\\nc\n"},
		{name: "session open, switch, reuse", src: "session bob user=bob password=bob secondary=ALL\n\nstatement ok\nCREATE ROLE r\n\n" +
			"session admin\n\nstatement ok\nCREATE ROLE r\n\nsession bob\n\nsession bob user=BOB\n\nstatement ok\nSELECT 1\n",
			wantLog: []string{"account", "login ADMIN/admin role=ACCOUNTADMIN", "login bob/bob role=",
				"BOB: USE SECONDARY ROLES ALL", "BOB: CREATE ROLE r", "ADMIN: CREATE ROLE r", "BOB: SELECT 1"}},
		{name: "session with role", src: "session b user=BOB password=bob role=ANALYST\n",
			wantLog: []string{"account", "login ADMIN/admin role=ACCOUNTADMIN", "login BOB/bob role=ANALYST"}},
		{name: "session error", src: "session x user=BOB password=wrong error\n"},
		{name: "session error code keeps current session",
			src: "session b user=BOB password=bob\n\nsession x user=BOB password=bob role=NOPE error 390189\n\nstatement ok\nSELECT 1\n",
			wantLog: []string{"account", "login ADMIN/admin role=ACCOUNTADMIN", "login BOB/bob role=",
				"login BOB/bob role=NOPE", "BOB: SELECT 1"}},
		{name: "skipif this target", src: "skipif fake\nstatement ok\nNO SUCH STATEMENT\n"},
		{name: "onlyif another target", src: "onlyif snowflake\nstatement ok\nNO SUCH STATEMENT\n"},

		// Records that must fail.
		{name: "statement ok fails", src: "statement ok\nUSE DATABASE nowhere\n", line: 1,
			msg: `expected success, got error 002003 (02000): SQL compilation error:\nDatabase 'NOWHERE' does not exist or not authorized.`},
		{name: "statement error succeeds", src: "# c\n\nstatement error 002003 not authorized\nSELECT 1\n", line: 3,
			msg: `expected error 002003 containing "not authorized", got success`},
		{name: "bare statement error succeeds", src: "statement error\nSELECT 1\n", line: 1, msg: `expected error, got success`},
		{name: "statement error wrong code", src: "statement error 003001\nUSE DATABASE nowhere\n", line: 1,
			msg: `expected error 003001, got error 002003 (02000): SQL compilation error:\nDatabase 'NOWHERE' does not exist or not authorized.`},
		{name: "statement error wrong text", src: "statement error 002003 Schema 'NOWHERE'\nUSE DATABASE nowhere\n", line: 1,
			msg: `expected error 002003 containing "Schema 'NOWHERE'", got error 002003 (02000): SQL compilation error:\nDatabase 'NOWHERE' does not exist or not authorized.`},
		{name: "text is not matched against the number", src: "statement error 02000\nUSE DATABASE nowhere\n", line: 1,
			msg: `expected error containing "02000", got error 002003 (02000): SQL compilation error:\nDatabase 'NOWHERE' does not exist or not authorized.`},
		{name: "code against an error without a number", src: "statement error 000603\nBROKEN\n", line: 1,
			msg: `expected error 000603, got an error without a Snowflake number: connection reset\nby peer`},
		{name: "query error", src: "query\nUSE DATABASE nowhere\n----\n", line: 1,
			msg: `expected rows, got error 002003 (02000): SQL compilation error:\nDatabase 'NOWHERE' does not exist or not authorized.`},
		{name: "query wrong value", src: "query\nSELECT 1\n----\n1.0\n", line: 1,
			msg: `expected 1 row ["1.0"], got 1 row ["1"] (first difference at row 1)`},
		{name: "query missing row", src: "query\nSELECT 1\n----\n1\n2\n", line: 1,
			msg: `expected 2 rows ["1", "2"], got 1 row ["1"] (first difference at row 2)`},
		{name: "query extra row", src: "query\nSELECT 1\n----\n", line: 1,
			msg: `expected 0 rows [], got 1 row ["1"] (first difference at row 1)`},
		{name: "query order matters without rowsort", src: "query columns=name\nSHOW GRANTS\n----\nANALYST\nSALES\n", line: 1,
			msg: `expected 2 rows ["ANALYST", "SALES"], got 2 rows ["SALES", "ANALYST"] (first difference at row 1)`},
		{name: "query too few columns", src: "query columns=name,privilege\nSHOW GRANTS\n----\nSALES\nANALYST\n", line: 1,
			msg: `expected 2 rows ["SALES", "ANALYST"], got 2 rows ["SALES\tUSAGE", "ANALYST\tOWNERSHIP"] (first difference at row 1)`},
		{name: "query missing column", src: "query columns=name,grantee_name\nSHOW GRANTS\n----\n", line: 1,
			msg: `expected column "grantee_name", got columns [created_on, privilege, granted_on, name]`},
		{name: "query NULL is not empty", src: "query columns=n,e\nSELECT values\n----\n(empty)\tNULL\n", line: 1,
			msg: `expected 1 row ["(empty)\tNULL"], got 1 row ["NULL\t(empty)"] (first difference at row 1)`},
		{name: "session first use needs user", src: "session bob\n", line: 1,
			msg: `expected user= on the first use of session bob, got none`},
		{name: "session login fails", src: "\nsession bob user=BOB password=nope\n", line: 2,
			msg: `expected login as BOB to succeed, got error 390100 (08004): Incorrect username or password was specified.`},
		{name: "session secondary fails", src: "session bob user=BOB password=bob secondary=NONE\n", line: 1,
			msg: `expected USE SECONDARY ROLES NONE to succeed, got error 001003 (42000): SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'USE'.`},
		{name: "session error succeeds", src: "session x user=BOB password=bob error 390100\n", line: 1,
			msg: `expected login as BOB to fail with error 390100, got success`},
		{name: "session error wrong code", src: "session x user=BOB password=bob role=NOPE error 390100\n", line: 1,
			msg: `expected error 390100, got error 390189 (08004): Role 'NOPE' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`},
		{name: "session reuse with other options", src: "session admin role=SYSADMIN\n", line: 1,
			msg: `expected options matching those that opened session admin (user=ADMIN role=ACCOUNTADMIN), got user= role=SYSADMIN (options apply only when a session is first opened)`},
		{name: "onlyif this target runs", src: "onlyif FAKE\nstatement ok\nNO SUCH STATEMENT\n", line: 2,
			msg: `expected success, got error 001003 (42000): SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'NO'.`},
		{name: "first failure stops the file", src: "statement ok\nCREATE ROLE r\n\nstatement ok\nNOPE\n\nstatement ok\nSELECT 1\n", line: 4,
			msg:     `expected success, got error 001003 (42000): SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'NOPE'.`,
			wantLog: []string{"account", "login ADMIN/admin role=ACCOUNTADMIN", "ADMIN: CREATE ROLE r", "ADMIN: NOPE"}},
		{name: "malformed file", src: "statement ok\nSELECT 1\n\nquery II\nSELECT 1\n----\n1\n", line: 4,
			msg: `unknown query option "II" (want rowsort or columns=NAME,...)`, wantLog: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"case.test": tt.src})
			path := filepath.Join(dir, "case.test")
			f := &fake{name: "fake"}
			rep, err := conformance.Run(context.Background(), f, dir)
			require.NoError(t, err)
			if tt.msg == "" {
				require.Empty(t, rep.Failures)
				require.Equal(t, "1 passed, 0 failed", rep.Summary())
				require.True(t, rep.OK())
			} else {
				require.Equal(t, []conformance.Failure{{Pos: posOf(path, tt.line), Msg: tt.msg}}, rep.Failures)
				require.Equal(t, "0 passed, 1 failed", rep.Summary())
				require.False(t, rep.OK())
			}
			if tt.wantLog != nil {
				if len(tt.wantLog) == 0 {
					require.Empty(t, f.log)
				} else {
					require.Equal(t, tt.wantLog, f.log)
				}
			}
			assert.Zero(t, f.open, "sessions left open")
			assert.Equal(t, f.accounts, f.closed, "accounts left open")
		})
	}
}

func TestRunFolder(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"b/pass.test":  "statement ok\nSELECT 1\n",
		"a/fail.test":  "statement ok\nSELECT 1\n\nstatement error 002003\nSELECT 1\n",
		"a/pass.test":  "query\nSELECT 1\n----\n1\n",
		"c/notes.txt":  "statement ok\nNOT A TEST\n",
		"c/fail2.test": "session admin\n\nstatement ok\nBAD\n",
	})
	f := &fake{name: "fake"}
	var out bytes.Buffer
	r := &conformance.Runner{Target: f, Out: &out}
	rep, err := r.Run(context.Background(), dir)
	require.NoError(t, err)
	require.Equal(t, 2, rep.Passed)
	require.Equal(t, 2, rep.Failed)
	require.Equal(t, 4, f.accounts, "one fresh account per file")
	require.Equal(t, 4, f.closed)

	wantLines := []string{
		filepath.Join(dir, "a/fail.test") + ":4: expected error 002003, got success",
		filepath.Join(dir, "c/fail2.test") + `:3: expected success, got error 001003 (42000): SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'BAD'.`,
	}
	require.Equal(t, strings.Join(wantLines, "\n")+"\n", out.String(), "streamed failures")

	var report bytes.Buffer
	_, err = rep.WriteTo(&report)
	require.NoError(t, err)
	require.Equal(t, strings.Join(wantLines, "\n")+"\n2 passed, 2 failed\n", report.String())
}

func TestFiles(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"z.test":       "",
		"sub/a.test":   "",
		"sub/b.txt":    "",
		"other.sql":    "",
		"empty/x.json": "",
	})
	j := func(p string) string { return filepath.Join(dir, p) }

	files, err := conformance.Files(dir)
	require.NoError(t, err)
	require.Equal(t, []string{j("sub/a.test"), j("z.test")}, files)

	files, err = conformance.Files(j("z.test"), j("other.sql"), dir+"/", j("sub"))
	require.NoError(t, err)
	require.Equal(t, []string{j("other.sql"), j("sub/a.test"), j("z.test")}, files, "explicit files are taken, duplicates dropped, all sorted")

	_, err = conformance.Files(j("empty"))
	require.ErrorContains(t, err, "no *.test files under "+j("empty"))

	_, err = conformance.Files(j("missing"))
	require.ErrorIs(t, err, os.ErrNotExist)

	_, err = conformance.Files()
	require.Error(t, err)
}

func TestRunPathErrors(t *testing.T) {
	t.Parallel()
	rep, err := conformance.Run(context.Background(), &fake{name: "fake"}, filepath.Join(t.TempDir(), "missing"))
	require.ErrorIs(t, err, os.ErrNotExist)
	require.Equal(t, "0 passed, 0 failed", rep.Summary())
}

func TestRunAccountAndAdminFailures(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"a.test": "statement ok\nSELECT 1\n"})
	path := filepath.Join(dir, "a.test")

	rep, err := conformance.Run(context.Background(), &fake{name: "fake", failAccount: errors.New("server down")}, dir)
	require.NoError(t, err)
	require.Equal(t, []conformance.Failure{{Pos: posOf(path, 0), Msg: "expected a fresh account, got error: server down"}}, rep.Failures)
	require.Equal(t, path+": expected a fresh account, got error: server down", rep.Failures[0].String())

	rep, err = conformance.Run(context.Background(), &fake{name: "fake", adminPW: "changed"}, dir)
	require.NoError(t, err)
	require.Equal(t, []conformance.Failure{{Pos: posOf(path, 0),
		Msg: "expected login as ADMIN (role ACCOUNTADMIN) for session admin to succeed, got error 390100 (08004): Incorrect username or password was specified."}}, rep.Failures)
}

func TestRunCanceled(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"a.test": "statement ok\nSELECT 1\n", "b.test": "statement ok\nSELECT 1\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &fake{name: "fake"}
	_, err := conformance.Run(ctx, f, dir)
	require.ErrorIs(t, err, context.Canceled)
	require.Zero(t, f.accounts)
}

func TestNewTarget(t *testing.T) {
	t.Parallel()
	tg, err := conformance.NewTarget("inproc")
	require.NoError(t, err)
	require.Equal(t, "inproc", tg.Name())

	_, err = conformance.NewTarget("pgwire")
	require.EqualError(t, err, `unknown target "pgwire" (known: inproc, pg://..., snowflake://...)`)
}

func TestLoginString(t *testing.T) {
	t.Parallel()
	require.Equal(t, "BOB", conformance.Login{User: "BOB", Password: "secret"}.String())
	require.Equal(t, "BOB (role R)", conformance.Login{User: "BOB", Password: "secret", Role: "R"}.String())
}
