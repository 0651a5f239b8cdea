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

// A reference records the creator's secondary roles: a privilege held
// through one authorizes use after the session drops them, until the role
// is revoked from the user.
func TestReferenceKeepsSecondaryRoles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	admin := openSession(t, eng, "ACCOUNTADMIN")
	for _, q := range []string{
		"CREATE DATABASE D", "CREATE TABLE D.PUBLIC.T (ID INT)", "USE WAREHOUSE COMPUTE_WH",
		"INSERT INTO D.PUBLIC.T VALUES (9)", "CREATE ROLE PRIM", "CREATE ROLE SEC",
		"GRANT USAGE ON DATABASE D TO ROLE SEC", "GRANT USAGE ON SCHEMA D.PUBLIC TO ROLE SEC",
		"GRANT SELECT ON TABLE D.PUBLIC.T TO ROLE SEC", "GRANT USAGE ON WAREHOUSE COMPUTE_WH TO ROLE PRIM",
		"CREATE USER U PASSWORD = 'pw' DEFAULT_ROLE = PRIM DEFAULT_WAREHOUSE = COMPUTE_WH",
		"GRANT ROLE PRIM TO USER U", "GRANT ROLE SEC TO USER U",
	} {
		_, err := admin.Execute(ctx, q)
		require.NoError(t, err, q)
	}
	u, err := eng.Open(ctx, sqlengine.Login{User: "U", Password: "pw"})
	require.NoError(t, err)
	for _, q := range []string{
		"USE SECONDARY ROLES SEC",
		"SET R = (SELECT SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.T', 'SESSION'))",
		"USE SECONDARY ROLES NONE",
	} {
		_, err := u.Execute(ctx, q)
		require.NoError(t, err, q)
	}
	_, err = u.Execute(ctx, "SELECT ID FROM D.PUBLIC.T")
	require.True(t, sferr.Is(err, 2003), "%v", err)
	res, err := u.Execute(ctx, "SELECT ID FROM IDENTIFIER($R)")
	require.NoError(t, err)
	require.EqualValues(t, 9, firstValue(t, res))

	_, err = admin.Execute(ctx, "REVOKE ROLE SEC FROM USER U")
	require.NoError(t, err)
	_, err = u.Execute(ctx, "SELECT ID FROM IDENTIFIER($R)")
	require.True(t, sferr.Is(err, 2003), "%v", err)
}

// A CALL reference made in a CALL's arguments ends with the call; one held
// in a session variable lives on.
func TestCallReferenceEndsWithCall(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	s := openSession(t, eng, "ACCOUNTADMIN")
	for _, q := range []string{
		"CREATE DATABASE D", "USE SCHEMA D.PUBLIC", "CREATE TABLE T (ID INT)", "USE WAREHOUSE COMPUTE_WH",
		"CREATE PROCEDURE ECHO(R VARCHAR) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN r; END $$",
		"SET KEPT = (SELECT SYSTEM$REFERENCE('TABLE', 'T'))",
	} {
		_, err := s.Execute(ctx, q)
		require.NoError(t, err, q)
	}
	res, err := s.Execute(ctx, "CALL ECHO(SYSTEM$REFERENCE('TABLE', 'T'))")
	require.NoError(t, err)
	ref := firstValue(t, res).(string)
	_, err = s.Execute(ctx, "SELECT * FROM "+ref)
	require.True(t, sferr.Is(err, 2003), "a call reference outlived its call: %v", err)

	res, err = s.Execute(ctx, "CALL ECHO($KEPT)")
	require.NoError(t, err)
	ref = firstValue(t, res).(string)
	_, err = s.Execute(ctx, "SELECT * FROM "+ref)
	require.NoError(t, err)
}
