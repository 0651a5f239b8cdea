package sqlengine_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sferr"
)

// SYSTEM$REFERENCE and SYSTEM$QUERY_REFERENCE work inside expressions the
// data plane evaluates, with arguments taken from each row.
func TestReferenceNestedInDataExpressions(t *testing.T) {
	t.Parallel()
	_, s := adminSession(t)
	ctx := context.Background()
	for _, q := range []string{
		"USE WAREHOUSE COMPUTE_WH", "CREATE TABLE T1 (ID INT)", "INSERT INTO T1 VALUES (1)",
		"CREATE TABLE T2 (ID INT)", "INSERT INTO T2 VALUES (2)",
		"CREATE TABLE NAMES (NAME VARCHAR)", "INSERT INTO NAMES VALUES ('T1'), ('D.PUBLIC.T2')",
		"CREATE TABLE REFS (R VARCHAR)",
	} {
		mustExec(t, s, q)
	}
	_, rows, _ := run(t, s, `SELECT n.NAME, SYSTEM$REFERENCE('TABLE', n.NAME, 'SESSION', 'SELECT') AS R FROM NAMES n ORDER BY 1`)
	require.Len(t, rows, 2)
	for i, want := range []int64{2, 1} { // D.PUBLIC.T2 sorts before T1
		ref := rows[i][1].(string)
		require.Regexp(t, `^ENT_REF_TABLE_\d+_[0-9A-F]{16}$`, ref)
		_, got, _ := run(t, s, "SELECT ID FROM "+ref)
		require.Equal(t, [][]any{{want}}, got)
	}
	require.NotEqual(t, rows[0][1], rows[1][1])

	for _, tc := range []struct{ sql, want string }{
		{`SELECT SUBSTR(SYSTEM$REFERENCE('table', 'T1'), 1, 14)`, "ENT_REF_TABLE_"},
		{`SELECT LOWER(LEFT(SYSTEM$REFERENCE('TABLE', NAME), 8)) FROM NAMES WHERE NAME = 'T1'`, "ent_ref_"},
		{`WITH x AS (SELECT SYSTEM$REFERENCE('TABLE', NAME, 'SESSION') AS R FROM NAMES) SELECT COUNT(DISTINCT R) FROM x`, "2"},
		{`SELECT LEFT(SYSTEM$QUERY_REFERENCE('SELECT ID FROM T1', TRUE), 14) FROM NAMES LIMIT 1`, "ENT_REF_QUERY_"},
	} {
		_, got, _ := run(t, s, tc.sql)
		require.Equal(t, tc.want, fmt.Sprint(got[0][0]), tc.sql)
	}

	mustExec(t, s, `INSERT INTO REFS SELECT SYSTEM$REFERENCE('TABLE', NAME, 'PERSISTENT') FROM NAMES`)
	_, rows, _ = run(t, s, `SELECT R FROM REFS`)
	require.Len(t, rows, 2)
	mustExec(t, s, `SET R = (SELECT MAX(R) FROM REFS)`)
	_, rows, _ = run(t, s, `SELECT COUNT(*) FROM IDENTIFIER($R)`)
	require.Equal(t, [][]any{{int64(1)}}, rows)

	// Planned without running (the extended query protocol's Describe).
	cols, err := s.Describe(ctx, `SELECT UPPER(SYSTEM$REFERENCE('TABLE', NAME)) AS R FROM NAMES`)
	require.NoError(t, err)
	require.Equal(t, "R", cols[0].Name)
	require.Equal(t, "TEXT", cols[0].Type)

	// In a view's body the call runs as the view's owner, in the view's
	// schema, each time the view is queried.
	mustExec(t, s, `CREATE VIEW V AS SELECT SYSTEM$REFERENCE('TABLE', NAME, 'PERSISTENT') AS R FROM NAMES`)
	_, rows, _ = run(t, s, `SELECT COUNT(DISTINCT R) FROM V`)
	require.Equal(t, [][]any{{int64(2)}}, rows)

	// Each row's call is checked as the call written alone would be.
	_, err = s.Execute(ctx, `SELECT SYSTEM$REFERENCE('TABLE', NAME) FROM (SELECT 'NOPE' AS NAME)`)
	require.True(t, sferr.Is(err, 2003), "%v", err)
	_, err = s.Execute(ctx, `SELECT SYSTEM$REFERENCE('TABLE', NAME, 'CALL', 'OWNERSHIP') FROM NAMES`)
	require.True(t, sferr.Is(err, 505027), "%v", err)
	_, err = s.Execute(ctx, `SELECT SYSTEM$REFERENCE('TABLE') FROM NAMES`)
	require.True(t, sferr.Is(err, 1044), "%v", err)
}
