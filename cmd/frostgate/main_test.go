package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsage(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, "")
	require.Equal(t, 2, code)
	require.Empty(t, out)
	require.Contains(t, errOut, "frostgate conformance [--target inproc] PATH...")

	code, out, _ = runCmd(t, "", "help")
	require.Equal(t, 0, code)
	require.Contains(t, out, "frostgate serve [--admin-password PASSWORD]")

	code, _, errOut = runCmd(t, "", "launch")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `frostgate: unknown command "launch"`)
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := runCmd(t, "", "version")
	require.Equal(t, 0, code)
	require.Regexp(t, `^frostgate \S+ \(go[^)]*\)\n$`, out)
}

func TestConformance(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pass := filepath.Join(dir, "pass", "admin.test")
	fail := filepath.Join(dir, "fail", "unknown.test")
	require.NoError(t, os.MkdirAll(filepath.Dir(pass), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Dir(fail), 0o755))
	require.NoError(t, os.WriteFile(pass, []byte("# stays in the admin session\nsession admin\n"), 0o644))
	require.NoError(t, os.WriteFile(fail, []byte("\nstatement error 999999\nSELECT 1\n"), 0o644))

	code, out, errOut := runCmd(t, "", "conformance", filepath.Join(dir, "pass"))
	require.Equal(t, 0, code, errOut)
	require.Equal(t, "1 passed, 0 failed\n", out)

	code, out, _ = runCmd(t, "", "conformance", "--target", "inproc", dir)
	require.Equal(t, 1, code)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2, out)
	require.True(t, strings.HasPrefix(lines[0], fail+":2: expected error 999999, got "), lines[0])
	require.Equal(t, "1 passed, 1 failed", lines[1])

	code, _, errOut = runCmd(t, "", "conformance", "--target=pgwire", dir)
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `unknown target "pgwire" (known: inproc, snowflake://...)`)

	code, _, errOut = runCmd(t, "", "conformance")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "no PATH given")

	code, _, errOut = runCmd(t, "", "conformance", filepath.Join(dir, "missing"))
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "missing")

	code, _, _ = runCmd(t, "", "conformance", "--bogus", dir)
	require.Equal(t, 2, code)
}

func TestServe(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, "\\q\n", "serve")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, "Frostgate interactive SQL shell (no wire protocol yet), logged in as ADMIN with role ACCOUNTADMIN on a fresh account; end statements with ';', quit with \\q or Ctrl-D.\n", out)

	// Whatever the executor supports, a statement prints a table or an error.
	code, out, _ = runCmd(t, "SHOW ROLES;\n", "serve", "--admin-password", "pw")
	require.Equal(t, 0, code)
	_, rest, ok := strings.Cut(out, "\n")
	require.True(t, ok)
	require.Regexp(t, `^(\+-|\d{6} \([0-9A-Z]{5}\): )`, rest)

	code, _, errOut = runCmd(t, "", "serve", "extra")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `unexpected argument "extra"`)
}
