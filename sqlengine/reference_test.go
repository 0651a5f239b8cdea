package sqlengine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// A reference string works written directly as a table name; a SESSION
// reference is valid only in its session, a PERSISTENT one in any.
func TestReferenceScopesAndBareString(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	s1 := openSession(t, eng, "ACCOUNTADMIN")
	s2 := openSession(t, eng, "ACCOUNTADMIN")
	for _, q := range []string{
		"CREATE DATABASE D", "CREATE TABLE D.PUBLIC.T (ID INT)", "USE WAREHOUSE COMPUTE_WH",
		"INSERT INTO D.PUBLIC.T VALUES (4)",
	} {
		_, err := s1.Execute(ctx, q)
		require.NoError(t, err, q)
	}
	_, err := s2.Execute(ctx, "USE WAREHOUSE COMPUTE_WH")
	require.NoError(t, err)
	ref := func(scope string) string {
		res, err := s1.Execute(ctx, "SELECT SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.T', '"+scope+"')")
		require.NoError(t, err)
		return firstValue(t, res).(string)
	}
	sess, pers := ref("SESSION"), ref("PERSISTENT")
	require.Regexp(t, `^ENT_REF_TABLE_\d+_[0-9A-F]{16}$`, sess)

	res, err := s1.Execute(ctx, "SELECT ID FROM "+sess)
	require.NoError(t, err)
	require.EqualValues(t, 4, firstValue(t, res))

	_, err = s2.Execute(ctx, "SELECT ID FROM "+sess)
	require.True(t, sferr.Is(err, 505001), "%v", err)

	res, err = s2.Execute(ctx, "SELECT ID FROM IDENTIFIER('"+pers+"')")
	require.NoError(t, err)
	require.EqualValues(t, 4, firstValue(t, res))

	// The session's end ends its transient references.
	require.NoError(t, s1.Close())
	_, err = s2.Execute(ctx, "SELECT ID FROM "+pers)
	require.NoError(t, err)
}
