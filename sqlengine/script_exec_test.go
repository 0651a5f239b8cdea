package sqlengine_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// scriptSession is an admin session with a database, schema and warehouse.
func scriptSession(t testing.TB) *sqlengine.Session {
	t.Helper()
	eng := sqlengine.New(account.New(account.Config{}))
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin", Role: "ACCOUNTADMIN"})
	require.NoError(t, err)
	for _, q := range []string{
		"CREATE DATABASE D", "USE SCHEMA D.PUBLIC", "USE WAREHOUSE COMPUTE_WH",
		"CREATE TABLE T (A INT, B VARCHAR)", "INSERT INTO T VALUES (1, 'x'), (2, 'y')",
	} {
		_, err := s.Execute(context.Background(), q)
		require.NoError(t, err, q)
	}
	return s
}

// rowsOf reads a result's column names and rows.
func rowsOf(t *testing.T, res *sqlengine.Result) ([]string, [][]any) {
	t.Helper()
	var names []string
	for _, c := range res.Columns() {
		names = append(names, c.Name)
	}
	var rows [][]any
	for {
		row := make([]any, len(names))
		err := res.Next(row)
		if errors.Is(err, io.EOF) {
			return names, rows
		}
		require.NoError(t, err)
		rows = append(rows, row)
	}
}

// What the PostgreSQL protocol's Describe cannot know beforehand, and so
// the conformance suite does not cover: RETURNS TABLE() takes its columns
// from the returned RESULTSET, and an anonymous block returns a table.
func TestScriptReturnsTableWithoutColumns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := scriptSession(t)
	_, err := s.Execute(ctx, `CREATE PROCEDURE P() RETURNS TABLE() LANGUAGE SQL AS $$
BEGIN
  LET rs RESULTSET := (SELECT a, b FROM t ORDER BY a);
  RETURN TABLE(rs);
END
$$`)
	require.NoError(t, err)
	res, err := s.Execute(ctx, "CALL P()")
	require.NoError(t, err)
	names, rows := rowsOf(t, res)
	require.Equal(t, []string{"A", "B"}, names)
	require.Equal(t, [][]any{{int64(1), "x"}, {int64(2), "y"}}, rows)

	res, err = s.Execute(ctx, `EXECUTE IMMEDIATE $$
DECLARE
  rs RESULTSET DEFAULT (SELECT b FROM t WHERE a = 2);
BEGIN
  RETURN TABLE(rs);
END
$$`)
	require.NoError(t, err)
	names, rows = rowsOf(t, res)
	require.Equal(t, []string{"B"}, names)
	require.Equal(t, [][]any{{"y"}}, rows)
}

// A block sent as a statement runs without EXECUTE IMMEDIATE; BEGIN
// alone, or BEGIN TRANSACTION, is still a transaction statement.
func TestScriptBareBlock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := scriptSession(t)
	res, err := s.Execute(ctx, "DECLARE n INTEGER DEFAULT 0; BEGIN FOR i IN 1 TO 4 DO n := n + i; END FOR; RETURN n; END;")
	require.NoError(t, err)
	names, rows := rowsOf(t, res)
	require.Equal(t, []string{"anonymous block"}, names)
	require.Equal(t, [][]any{{"10"}}, rows)

	res, err = s.Execute(ctx, "BEGIN INSERT INTO t VALUES (3, 'z'); RETURN SQLROWCOUNT; END")
	require.NoError(t, err)
	require.Equal(t, "1", firstValue(t, res))

	for _, q := range []string{"BEGIN", "BEGIN TRANSACTION", "begin work"} {
		_, err = s.Execute(ctx, q)
		require.True(t, sferr.Is(err, 2), "%s: %v", q, err)
	}
	_, err = s.Execute(ctx, "BEGIN RETURN 1 END")
	require.True(t, sferr.Is(err, 1003), "%v", err)
}

// Every loop round counts against the bound, so a loop whose body does
// nothing still ends; so does one that only CONTINUEs.
func TestScriptLoopsAreBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := scriptSession(t)
	for _, q := range []string{
		"BEGIN LOOP END LOOP; END",
		"BEGIN WHILE (TRUE) DO CONTINUE; END WHILE; END",
		"BEGIN REPEAT UNTIL (FALSE) END REPEAT; END",
		"BEGIN FOR i IN 1 TO 9223372036854775807 DO END FOR; END",
		"DECLARE e EXCEPTION; BEGIN LOOP BEGIN RAISE e; EXCEPTION WHEN OTHER THEN NULL; END; END LOOP; END",
	} {
		_, err := s.Execute(ctx, q)
		require.True(t, sferr.Is(err, 3105), "%s: %v", q, err)
		require.Contains(t, err.Error(), "too many statements", q)
	}
}

// A cancelled context stops a running body.
func TestScriptCancel(t *testing.T) {
	t.Parallel()
	s := scriptSession(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Execute(ctx, "BEGIN LOOP END LOOP; END")
	require.Error(t, err)
}

// A block's inner semicolons do not split it, so that a client sending
// a bare block over a protocol that splits statements sends it whole.
func TestSplitStatementsKeepsBlocks(t *testing.T) {
	t.Parallel()
	block := "DECLARE x INT DEFAULT 1; BEGIN IF (x = 1) THEN x := 2; END IF; CASE x WHEN 2 THEN LET y := (CASE WHEN x > 1 THEN 1 END); END CASE; FOR i IN 1 TO 2 DO BEGIN x := x + i; END; END FOR; RETURN x; END"
	stmts, rest := sqlengine.SplitStatements("SELECT 1; " + block + "; BEGIN; BEGIN TRANSACTION; BEGIN RETURN 1; END; SELECT 2")
	require.Equal(t, []string{"SELECT 1", block, "BEGIN", "BEGIN TRANSACTION", "BEGIN RETURN 1; END"}, stmts)
	require.Equal(t, " SELECT 2", rest)

	ctx := context.Background()
	s := scriptSession(t)
	res, err := s.Execute(ctx, block)
	require.NoError(t, err)
	require.Equal(t, "5", firstValue(t, res))
}

// A string that executes itself ends at the nesting bound.
func TestExecuteImmediateRecursionIsBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := scriptSession(t)
	_, err := s.Execute(ctx, "SET q = 'EXECUTE IMMEDIATE $q'")
	require.NoError(t, err)
	_, err = s.Execute(ctx, "EXECUTE IMMEDIATE $q")
	require.True(t, sferr.Is(err, 3105), "%v", err)
	_, err = s.Describe(ctx, "EXECUTE IMMEDIATE $q")
	require.True(t, sferr.Is(err, 3105), "%v", err)
	res, err := s.Execute(ctx, "EXECUTE IMMEDIATE 'SELECT 1 AS ONE'")
	require.NoError(t, err)
	require.EqualValues(t, 1, firstValue(t, res))
}

// A nested block's DECLARE and LET hide an outer variable only inside it.
func TestScriptBlockScope(t *testing.T) {
	t.Parallel()
	s := scriptSession(t)
	res, err := s.Execute(context.Background(), `DECLARE x VARCHAR DEFAULT 'outer'; s VARCHAR DEFAULT '';
BEGIN
  BEGIN
    LET x := 'let';
    s := s || x || ',';
  END;
  DECLARE x VARCHAR DEFAULT 'declared';
  BEGIN
    s := s || x || ',';
  END;
  RETURN s || x;
END`)
	require.NoError(t, err)
	require.Equal(t, "let,declared,outer", firstValue(t, res))
}

// BREAK in a handler of a block inside a loop leaves the loop.
func TestScriptBreakFromHandler(t *testing.T) {
	t.Parallel()
	s := scriptSession(t)
	res, err := s.Execute(context.Background(), `DECLARE n INTEGER DEFAULT 0; e EXCEPTION;
BEGIN
  LOOP
    n := n + 1;
    BEGIN
      IF (n = 3) THEN
        RAISE e;
      END IF;
    EXCEPTION
      WHEN e THEN
        BREAK;
    END;
  END LOOP;
  RETURN n;
END`)
	require.NoError(t, err)
	require.Equal(t, "3", firstValue(t, res))
}

// A block an owner's-rights procedure runs has the procedure's limits:
// it may not set session variables either.
func TestScriptBlockInOwnersRights(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := scriptSession(t)
	_, err := s.Execute(ctx, `CREATE PROCEDURE P() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS OWNER AS $$
BEGIN
  EXECUTE IMMEDIATE 'BEGIN SET v = 1; END';
  RETURN 'done';
END
$$`)
	require.NoError(t, err)
	_, err = s.Execute(ctx, "CALL P()")
	require.True(t, sferr.Is(err, 3105), "%v", err)
	require.Contains(t, err.Error(), "Unsupported statement type 'SET' in an owner's rights stored procedure")
}

// In a (SELECT ...) expression a variable is a :bind; a bare name is the
// query's own, even when a variable has it.
func TestScriptSubqueryNamesColumns(t *testing.T) {
	t.Parallel()
	s := scriptSession(t)
	res, err := s.Execute(context.Background(), `DECLARE a INTEGER DEFAULT 2;
BEGIN
  LET n := (SELECT COUNT(*) FROM t WHERE a = a);
  LET m := (SELECT COUNT(*) FROM t WHERE a = :a);
  RETURN n || ' ' || m || ' ' || (a + 1);
END`)
	require.NoError(t, err)
	require.Equal(t, "2 1 3", firstValue(t, res))
}

// Asynchronous child jobs run at once: AWAIT and CANCEL find them done.
func TestScriptAsyncRunsAtOnce(t *testing.T) {
	t.Parallel()
	s := scriptSession(t)
	res, err := s.Execute(context.Background(), `BEGIN
  LET rs RESULTSET := ASYNC (SELECT a FROM t WHERE a = 2);
  ASYNC (INSERT INTO t VALUES (5, 'async'));
  AWAIT rs;
  AWAIT ALL;
  CANCEL rs;
  LET n := (SELECT COUNT(*) FROM t);
  FOR r IN rs DO
    RETURN r.a || ' ' || n;
  END FOR;
END`)
	require.NoError(t, err)
	require.Equal(t, "2 3", firstValue(t, res))
}
