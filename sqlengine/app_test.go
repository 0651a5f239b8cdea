package sqlengine_test

import (
	"context"
	"fmt"
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

// The Go API installs an application as CREATE APPLICATION does; a failing
// setup script names its file and line and leaves the account as it was.
func TestCreateApplicationGoAPI(t *testing.T) {
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot(filepath.Join("..", "fixtures", "apps"))
	s, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	_, err = s.Execute(ctx, "CREATE APPLICATION PACKAGE P")
	require.NoError(t, err)
	require.NoError(t, s.AddApplicationVersion("P", "V1", "sample_app"))
	require.NoError(t, s.CreateApplication("APP", "P", "V1"))
	err = s.CreateApplication("APP", "P", "V1")
	require.True(t, sferr.Is(err, 2002), "%v", err)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.yml"),
		[]byte("manifest_version: 1\nartifacts:\n  setup_script: setup.sql\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "setup.sql"), []byte(
		"CREATE APPLICATION ROLE R;\nCREATE SCHEMA C;\nCREATE TABLE C.T (X NUMBER);\nINSERT INTO C.T VALUES (1);\n"+
			"GRANT SELECT ON TABLE C.T TO APPLICATION ROLE R;\n\nCREATE DATABASE OUTSIDE;\n"), 0o644))
	require.NoError(t, s.AddApplicationVersion("P", "BAD", dir))

	shows := []string{"SHOW APPLICATIONS", "SHOW DATABASES", "SHOW SCHEMAS IN ACCOUNT", "SHOW TABLES IN ACCOUNT",
		"SHOW ROLES", "SHOW GRANTS TO ROLE ACCOUNTADMIN", "SHOW GRANTS TO USER ADMIN"}
	snapshot := func() string {
		var b strings.Builder
		for _, q := range shows {
			res, err := s.Execute(ctx, q)
			require.NoError(t, err, q)
			row := make([]any, len(res.Columns()))
			for res.Next(row) == nil {
				for _, v := range row {
					b.WriteString(fmt.Sprint(v) + "\t")
				}
				b.WriteString("\n")
			}
		}
		return b.String()
	}
	before := snapshot()
	err = s.CreateApplication("BROKEN", "P", "BAD")
	require.True(t, sferr.Is(err, 3001), "%v", err)
	require.Contains(t, err.Error(), "Failed to install application 'BROKEN': "+filepath.Join(dir, "setup.sql")+":7: ")
	require.Equal(t, before, snapshot())
	// The name is free: the good version installs under it.
	require.NoError(t, s.CreateApplication("BROKEN", "P", "V1"))
}

// UpgradeApplication runs the new version's setup script as the
// application; a failing script leaves the application at its version.
func TestUpgradeApplicationGoAPI(t *testing.T) {
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot(filepath.Join("..", "fixtures", "apps"))
	s, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	_, err = s.Execute(ctx, "CREATE APPLICATION PACKAGE P")
	require.NoError(t, err)
	require.NoError(t, s.AddApplicationVersion("P", "V1", "sample_app"))
	require.NoError(t, s.AddApplicationVersion("P", "V2", "sample_app"))
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.yml"),
		[]byte("manifest_version: 1\nartifacts:\n  setup_script: setup.sql\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "setup.sql"), []byte("CREATE SCHEMA IF NOT EXISTS DATA;\nUSE ROLE ACCOUNTADMIN;\n"), 0o644))
	require.NoError(t, s.AddApplicationVersion("P", "BAD", dir))
	require.NoError(t, s.CreateApplication("APP", "P", "V1"))

	version := func() string {
		res, err := s.Execute(ctx, "SHOW APPLICATIONS")
		require.NoError(t, err)
		row := make([]any, len(res.Columns()))
		require.NoError(t, res.Next(row))
		return row[8].(string)
	}
	describe := func() map[string]any {
		res, err := s.Execute(ctx, "DESCRIBE APPLICATION APP")
		require.NoError(t, err)
		out := map[string]any{}
		row := make([]any, 2)
		for res.Next(row) == nil {
			out[row[0].(string)] = row[1]
		}
		return out
	}
	d := describe()
	require.Equal(t, "V1", d["version"])
	require.Equal(t, "P", d["source"])
	require.Nil(t, d["last_upgraded_on"])
	require.NoError(t, s.UpgradeApplication(ctx, "APP", "V2"))
	require.Equal(t, "V2", version())
	d = describe()
	require.Equal(t, "V2", d["version"])
	require.NotNil(t, d["last_upgraded_on"])
	err = s.UpgradeApplication(ctx, "APP", "BAD")
	require.True(t, sferr.Is(err, 3105), "%v", err)
	require.Contains(t, err.Error(), "Failed to upgrade application 'APP': "+filepath.Join(dir, "setup.sql")+":2: ")
	require.Equal(t, "V2", version())
	res, err := s.Execute(ctx, "CALL APP.CONFIG.GREETING()")
	require.NoError(t, err)
	row := make([]any, 1)
	require.NoError(t, res.Next(row))
	require.Equal(t, "hello from the sample app", row[0])
}

// Result.Command for the application statements.
func TestApplicationResultCommand(t *testing.T) {
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot("..")
	s, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	for _, tc := range []struct{ sql, command string }{
		{"CREATE APPLICATION PACKAGE P", "CREATE"},
		{"ALTER APPLICATION PACKAGE P ADD VERSION V1 USING 'fixtures/apps/sample_app'", "ALTER"},
		{"CREATE APPLICATION A FROM APPLICATION PACKAGE P USING VERSION V1", "CREATE"},
		{"SHOW APPLICATIONS", "SHOW"},
		{"SHOW REFERENCES IN APPLICATION A", "SHOW"},
		{"DESCRIBE APPLICATION A", "DESCRIBE"},
		{"GRANT APPLICATION ROLE A.APP_PUBLIC TO ROLE SYSADMIN", "GRANT"},
		{"REVOKE APPLICATION ROLE A.APP_PUBLIC FROM ROLE SYSADMIN", "REVOKE"},
		{"ALTER APPLICATION A UNSET REFERENCES", "ALTER"},
		{"DROP APPLICATION A", "DROP"},
	} {
		res, err := s.Execute(ctx, tc.sql)
		require.NoError(t, err, tc.sql)
		require.Equal(t, tc.command, res.Command(), tc.sql)
	}
}
