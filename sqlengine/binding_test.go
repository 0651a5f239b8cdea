package sqlengine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// bindingWorld is a consumer's account with objects bound to an
// application's reference definitions (through the test hook, until
// applications are installed), and a session for the application's code:
// role APP, which holds no privilege on the consumer's objects.
type bindingWorld struct {
	eng      *sqlengine.Engine
	admin    *sqlengine.Session
	app      *sqlengine.Session
	bindings *sqlengine.Bindings
}

func newBindingWorld(t *testing.T) *bindingWorld {
	t.Helper()
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	b, restore := sqlengine.BindForTest(eng)
	t.Cleanup(restore)
	admin := openSession(t, eng, "ACCOUNTADMIN")
	for _, q := range []string{
		"CREATE DATABASE D", "USE SCHEMA D.PUBLIC", "USE WAREHOUSE COMPUTE_WH",
		"CREATE TABLE SRC (ID INT, NAME VARCHAR(20))", "INSERT INTO SRC VALUES (1, 'one'), (2, 'two'), (3, 'three')",
		"CREATE TABLE DST (C1 INT, C2 VARCHAR(20))",
		"CREATE TABLE OTHER (ID INT, NAME VARCHAR(20))", "INSERT INTO OTHER VALUES (9, 'nine')",
		"CREATE PROCEDURE P(A NUMBER, B VARCHAR) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN B || ' ' || A; END $$",
		"CREATE SCHEMA D.APP", "CREATE ROLE APP", "GRANT USAGE ON WAREHOUSE COMPUTE_WH TO ROLE APP",
		"GRANT USAGE ON DATABASE D TO ROLE APP", "GRANT USAGE ON SCHEMA D.APP TO ROLE APP",
		"GRANT CREATE VIEW ON SCHEMA D.APP TO ROLE APP", "GRANT ROLE APP TO USER ADMIN",
	} {
		_, err := admin.Execute(ctx, q)
		require.NoError(t, err, q)
	}
	bind := func(name, call string) {
		res, err := admin.Execute(ctx, "SELECT "+call)
		require.NoError(t, err, call)
		b.Bind(name, firstValue(t, res).(string))
	}
	bind("consumer_table", "SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.SRC', 'PERSISTENT', 'SELECT')")
	bind("data_export", "SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.DST', 'PERSISTENT', 'SELECT', 'INSERT', 'DELETE', 'TRUNCATE')")
	bind("read_only", "SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.DST', 'PERSISTENT', 'SELECT')")
	bind("consumer_proc", "SYSTEM$REFERENCE('PROCEDURE', 'D.PUBLIC.P(NUMBER, VARCHAR)', 'PERSISTENT')")
	app := openSession(t, eng, "APP")
	for _, q := range []string{"USE SECONDARY ROLES NONE", "USE WAREHOUSE COMPUTE_WH", "USE SCHEMA D.APP"} {
		_, err := app.Execute(ctx, q)
		require.NoError(t, err, q)
	}
	return &bindingWorld{eng: eng, admin: admin, app: app, bindings: b}
}

// reference('name') reads the bound table wherever a table goes in a query.
func TestBindingInQueries(t *testing.T) {
	t.Parallel()
	w := newBindingWorld(t)
	for _, tc := range []struct {
		sql  string
		want [][]any
	}{
		{`SELECT ID, NAME FROM reference('consumer_table') ORDER BY ID`,
			[][]any{{int64(1), "one"}, {int64(2), "two"}, {int64(3), "three"}}},
		{`SELECT T.NAME FROM REFERENCE('CONSUMER_TABLE') AS T WHERE T.ID = 2`, [][]any{{"two"}}},
		{`select t.id from reference('consumer_table') t join reference('consumer_table') u on t.id = u.id + 1 order by 1`,
			[][]any{{int64(2)}, {int64(3)}}},
		{`SELECT COUNT(*) FROM (SELECT ID FROM reference('consumer_table') WHERE ID > 1)`, [][]any{{int64(2)}}},
		{`SELECT 1 WHERE 3 IN (SELECT ID FROM reference('consumer_table'))`, [][]any{{int64(1)}}},
		{`WITH c AS (SELECT * FROM reference('consumer_table')) SELECT MAX(ID) FROM c`, [][]any{{int64(3)}}},
	} {
		t.Run(tc.sql, func(t *testing.T) {
			_, rows, _ := run(t, w.app, tc.sql)
			require.Equal(t, tc.want, rows)
		})
	}
	// The application's role reaches the table only through the binding.
	_, err := w.app.Execute(context.Background(), "SELECT * FROM D.PUBLIC.SRC")
	require.True(t, sferr.Is(err, 2003), "%v", err)

	// As with any reference: the creator's rights now, the object by name.
	mustExec(t, w.admin, "DROP TABLE D.PUBLIC.SRC")
	_, err = w.app.Execute(context.Background(), "SELECT * FROM reference('consumer_table')")
	require.True(t, sferr.Is(err, 505001), "%v", err)
}

// reference('name') is the target of INSERT, DELETE and TRUNCATE with the
// privileges the bound reference carries; one it lacks is 505002.
func TestBindingAsDMLTarget(t *testing.T) {
	t.Parallel()
	w := newBindingWorld(t)
	ctx := context.Background()
	mustExec(t, w.app, `INSERT INTO reference('data_export')(C1, C2) SELECT T.ID, T.NAME FROM reference('consumer_table') AS T`)
	_, rows, _ := run(t, w.admin, `SELECT C1, C2 FROM D.PUBLIC.DST ORDER BY C1`)
	require.Equal(t, [][]any{{int64(1), "one"}, {int64(2), "two"}, {int64(3), "three"}}, rows)

	mustExec(t, w.app, `DELETE FROM reference('data_export') WHERE C1 = 1`)
	_, rows, _ = run(t, w.app, `SELECT COUNT(*) FROM reference('data_export')`)
	require.Equal(t, [][]any{{int64(2)}}, rows)

	_, err := w.app.Execute(ctx, `UPDATE reference('data_export') SET C2 = 'x'`)
	require.True(t, sferr.Is(err, 505002), "%v", err)
	_, err = w.app.Execute(ctx, `INSERT INTO reference('read_only') VALUES (5, 'five')`)
	require.True(t, sferr.Is(err, 505002), "%v", err)
	_, err = w.app.Execute(ctx, `MERGE INTO reference('data_export') d USING reference('consumer_table') s ON d.C1 = s.ID WHEN MATCHED THEN DELETE`)
	require.NoError(t, err)
	_, rows, _ = run(t, w.app, `SELECT COUNT(*) FROM reference('data_export')`)
	require.Equal(t, [][]any{{int64(0)}}, rows)

	mustExec(t, w.app, `INSERT INTO reference('data_export') VALUES (7, 'seven')`)
	mustExec(t, w.app, `TRUNCATE TABLE reference('data_export')`)
	_, rows, _ = run(t, w.admin, `SELECT COUNT(*) FROM D.PUBLIC.DST`)
	require.Equal(t, [][]any{{int64(0)}}, rows)

	// UPDATE, once the consumer binds a reference that carries it.
	res, err := w.admin.Execute(ctx, "SELECT SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.SRC', 'PERSISTENT', 'UPDATE')")
	require.NoError(t, err)
	w.bindings.Bind("updatable", firstValue(t, res).(string))
	mustExec(t, w.app, `UPDATE reference('updatable') SET NAME = UPPER(NAME) WHERE ID = 3`)
	_, rows, _ = run(t, w.admin, `SELECT NAME FROM D.PUBLIC.SRC WHERE ID = 3`)
	require.Equal(t, [][]any{{"THREE"}}, rows)
}

// DESCRIBE TABLE reference('name') lists the bound table's columns; CALL
// reference('name')(args) runs the bound procedure; a function call
// through reference() is refused as unsupported.
func TestBindingDescribeCallAndFunction(t *testing.T) {
	t.Parallel()
	w := newBindingWorld(t)
	ctx := context.Background()
	_, rows, _ := run(t, w.app, `DESCRIBE TABLE reference('consumer_table')`)
	require.Len(t, rows, 2)
	require.Equal(t, "ID", rows[0][0])
	require.Equal(t, "NAME", rows[1][0])

	_, rows, _ = run(t, w.app, `CALL reference('consumer_proc')(11, 'hello world')`)
	require.Equal(t, [][]any{{"hello world 11"}}, rows)
	cols, err := w.app.Describe(ctx, `CALL reference('consumer_proc')(11, 'hello world')`)
	require.NoError(t, err)
	require.Equal(t, "P", cols[0].Name)

	_, err = w.app.Execute(ctx, `CALL reference('consumer_table')(1)`)
	require.True(t, sferr.Is(err, 505002), "%v", err) // a table reference carries no USAGE

	_, err = w.app.Execute(ctx, `SELECT reference('encrypt_func')(t.ID) FROM reference('consumer_table') t`)
	require.True(t, sferr.Is(err, 2), "%v", err)
}

// A view's body may read reference('name'): the binding is resolved each
// time the view is queried, with the view owner's (the application's)
// rights, so rebinding the name moves the view to the new object.
func TestBindingInViewBody(t *testing.T) {
	t.Parallel()
	w := newBindingWorld(t)
	ctx := context.Background()
	mustExec(t, w.app, `CREATE VIEW APP_VIEW AS SELECT T.ID, T.NAME FROM reference('consumer_table') AS T`)
	mustExec(t, w.app, `GRANT SELECT ON VIEW APP_VIEW TO ROLE PUBLIC`)
	_, rows, _ := run(t, w.admin, `SELECT COUNT(*) FROM D.APP.APP_VIEW`)
	require.Equal(t, [][]any{{int64(3)}}, rows)

	res, err := w.admin.Execute(ctx, "SELECT SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.OTHER', 'PERSISTENT')")
	require.NoError(t, err)
	w.bindings.Bind("consumer_table", firstValue(t, res).(string))
	_, rows, _ = run(t, w.admin, `SELECT ID, NAME FROM D.APP.APP_VIEW`)
	require.Equal(t, [][]any{{int64(9), "nine"}}, rows)
}

// Outside an application no name is bound: every form fails as the
// account's UseBinding answers outside an application, and REFERENCE stays
// an ordinary name where no string follows it.
func TestBindingUnboundAndReferenceAsName(t *testing.T) {
	t.Parallel()
	w := newBindingWorld(t)
	ctx := context.Background()
	for _, q := range []string{
		`SELECT * FROM reference('missing')`,
		`INSERT INTO reference('missing') VALUES (1)`,
		`UPDATE reference('missing') SET A = 1`,
		`DELETE FROM reference('missing')`,
		`TRUNCATE TABLE reference('missing')`,
		`DESCRIBE TABLE reference('missing')`,
		`CALL reference('missing')(1)`,
		`CREATE VIEW V AS SELECT * FROM reference('missing')`,
	} {
		_, err := w.app.Execute(ctx, q)
		require.True(t, sferr.Is(err, 3105), "%s: %v", q, err)
		require.Contains(t, err.Error(), "Reference functions can only be called from within an application.", q)
	}
	for _, q := range []string{
		`CREATE TABLE D.PUBLIC.REFERENCE (REFERENCE INT)`,
		`INSERT INTO D.PUBLIC.REFERENCE (REFERENCE) VALUES (5)`,
	} {
		mustExec(t, w.admin, q)
	}
	_, rows, _ := run(t, w.admin, `SELECT reference.reference FROM reference WHERE reference = 5`)
	require.Equal(t, [][]any{{int64(5)}}, rows)
}

// An application's procedure names its bindings in its body, the name
// often a bind variable (reference(:ref_name)); an owner's-rights body
// resolves them as its owner.
func TestBindingInProcedureBody(t *testing.T) {
	t.Parallel()
	w := newBindingWorld(t)
	mustExec(t, w.admin, "GRANT CREATE PROCEDURE ON SCHEMA D.APP TO ROLE APP")
	mustExec(t, w.app, `CREATE PROCEDURE COPY_ROWS(REF_NAME VARCHAR) RETURNS NUMBER LANGUAGE SQL AS $$
BEGIN
  INSERT INTO reference('data_export') (C1, C2) SELECT ID, NAME FROM reference(:ref_name);
  LET N NUMBER := (SELECT COUNT(*) FROM reference('data_export'));
  RETURN N;
END $$`)
	_, rows, _ := run(t, w.app, `CALL COPY_ROWS('consumer_table')`)
	require.Equal(t, [][]any{{int64(3)}}, rows)
	_, err := w.app.Execute(context.Background(), `CALL COPY_ROWS('unbound')`)
	require.True(t, sferr.Is(err, 3105), "%v", err)

	mustExec(t, w.app, `CREATE PROCEDURE GREET() RETURNS VARCHAR LANGUAGE SQL AS $$
BEGIN
  LET V VARCHAR := '';
  CALL reference('consumer_proc')(1, 'hello') INTO :V;
  RETURN V;
END $$`)
	_, rows, _ = run(t, w.app, `CALL GREET()`)
	require.Equal(t, [][]any{{"hello 1"}}, rows)
}
