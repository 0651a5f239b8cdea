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

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsage(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t)
	require.Equal(t, 2, code)
	require.Empty(t, out)
	require.Contains(t, errOut, "frostgate conformance [--target inproc|pg://USER:PASSWORD@HOST:PORT/] PATH...")

	code, out, _ = runCmd(t, "help")
	require.Equal(t, 0, code)
	require.Contains(t, out, "frostgate serve [--pg-addr HOST:PORT] [--admin-password PASSWORD]")

	code, _, errOut = runCmd(t, "launch")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `frostgate: unknown command "launch"`)
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := runCmd(t, "version")
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

	code, out, errOut := runCmd(t, "conformance", filepath.Join(dir, "pass"))
	require.Equal(t, 0, code, errOut)
	require.Equal(t, "1 passed, 0 failed\n", out)

	code, out, _ = runCmd(t, "conformance", "--target", "inproc", dir)
	require.Equal(t, 1, code)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2, out)
	require.True(t, strings.HasPrefix(lines[0], fail+":2: expected error 999999, got "), lines[0])
	require.Equal(t, "1 passed, 1 failed", lines[1])

	code, _, errOut = runCmd(t, "conformance", "--target=pgwire", dir)
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `unknown target "pgwire" (known: inproc, pg://..., snowflake://...)`)

	code, _, errOut = runCmd(t, "conformance")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "no PATH given")

	code, _, errOut = runCmd(t, "conformance", filepath.Join(dir, "missing"))
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "missing")

	code, _, _ = runCmd(t, "conformance", "--bogus", dir)
	require.Equal(t, 2, code)
}
