package sqlengine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
)

// describeRows runs a DESCRIBE and returns its property/value rows.
func describeRows(t *testing.T, s *sqlengine.Session, sql string) map[string]any {
	t.Helper()
	res, err := s.Execute(context.Background(), sql)
	require.NoError(t, err)
	out := map[string]any{}
	row := make([]any, 2)
	for res.Next(row) == nil {
		out[row[0].(string)] = row[1]
	}
	return out
}

// DESCRIBE APPLICATION PACKAGE prints what snowflake-cli's teardown reads
// (distribution), and an application created from files (development mode)
// is UNVERSIONED, without a patch, with the DEBUG_MODE it was given.
func TestDescribeApplicationPackage(t *testing.T) {
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot("..")
	s, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	_, err = s.Execute(ctx, "CREATE APPLICATION PACKAGE P COMMENT = GENERATED_BY_SNOWFLAKECLI DISTRIBUTION = internal")
	require.NoError(t, err)
	d := describeRows(t, s, "DESCRIBE APPLICATION PACKAGE P")
	require.Equal(t, "P", d["name"])
	require.Equal(t, "INTERNAL", d["distribution"])
	require.Equal(t, "GENERATED_BY_SNOWFLAKECLI", d["comment"])
	require.Equal(t, "ACCOUNTADMIN", d["owner"])
	require.NotNil(t, d["created_on"])

	_, err = s.Execute(ctx, "CREATE APPLICATION A FROM APPLICATION PACKAGE P USING 'conformance/testdata/apps/folders/tiny' DEBUG_MODE = TRUE")
	require.NoError(t, err)
	d = describeRows(t, s, "DESCRIBE APPLICATION A")
	require.Equal(t, "UNVERSIONED", d["version"])
	require.Nil(t, d["patch"])
	require.Equal(t, "true", d["debug_mode"])
	_, err = s.Execute(ctx, "ALTER APPLICATION A SET DEBUG_MODE = FALSE COMMENT = 'mine'")
	require.NoError(t, err)
	d = describeRows(t, s, "DESCRIBE APPLICATION A")
	require.Equal(t, "false", d["debug_mode"])
	require.Equal(t, "mine", d["comment"])
	_, err = s.Execute(ctx, "ALTER APPLICATION A UNSET COMMENT")
	require.NoError(t, err)
	require.Nil(t, describeRows(t, s, "DESCRIBE APPLICATION A")["comment"])

	// UPGRADE with no USING needs a version to stay on.
	_, err = s.Execute(ctx, "ALTER APPLICATION A UPGRADE")
	require.Error(t, err)
	_, err = s.Execute(ctx, "ALTER APPLICATION A UPGRADE USING 'conformance/testdata/apps/folders/no_such'")
	require.ErrorContains(t, err, "cannot read the manifest")
}
