package sqlengine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// The Go API adds a version from a folder as ALTER APPLICATION PACKAGE ...
// ADD VERSION does; relative paths resolve against the engine's app root.
func TestAddApplicationVersionGoAPI(t *testing.T) {
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot(filepath.Join("..", "fixtures", "apps"))
	s, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	_, err = s.Execute(ctx, "CREATE APPLICATION PACKAGE P")
	require.NoError(t, err)
	require.NoError(t, s.AddApplicationVersion("P", "V1", "sample_app"))

	names, err := s.ApplicationVersions("P")
	require.NoError(t, err)
	require.Equal(t, []string{"V1"}, names)
	_, err = s.ApplicationVersions("NOPE")
	require.True(t, sferr.Is(err, 2003), "%v", err)

	// A broken setup script: file and line, and no version added.
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.yml"),
		[]byte("manifest_version: 1\nartifacts:\n  setup_script: setup.sql\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "setup.sql"), []byte("CREATE SCHEMA C;\n\nCREATE SCHEMA;\n"), 0o644))
	err = s.AddApplicationVersion("P", "V2", dir)
	require.True(t, sferr.Is(err, 3105), "%v", err)
	require.True(t, strings.Contains(err.Error(), filepath.Join(dir, "setup.sql")+":3: "), "%v", err)
	names, err = s.ApplicationVersions("P")
	require.NoError(t, err)
	require.Equal(t, []string{"V1"}, names)
}
