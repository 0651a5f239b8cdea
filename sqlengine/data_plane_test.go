package sqlengine_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// adminSession opens ADMIN on a fresh account, in database D.
func adminSession(t testing.TB) (*sqlengine.Engine, *sqlengine.Session) {
	t.Helper()
	eng := sqlengine.New(account.New(account.Config{}))
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	mustExec(t, s, "CREATE DATABASE D")
	return eng, s
}

// run executes sql and returns the column names and rows.
func run(t testing.TB, s *sqlengine.Session, sql string) ([]string, [][]any, *sqlengine.Result) {
	t.Helper()
	res, err := s.Execute(context.Background(), sql)
	require.NoError(t, err, sql)
	var names []string
	for _, c := range res.Columns() {
		names = append(names, c.Name)
	}
	var rows [][]any
	for {
		row := make([]any, len(names))
		if err := res.Next(row); errors.Is(err, io.EOF) {
			break
		}
		rows = append(rows, row)
	}
	return names, rows, res
}

func mustExec(t testing.TB, s *sqlengine.Session, sql string) {
	t.Helper()
	_, err := s.Execute(context.Background(), sql)
	require.NoError(t, err, sql)
}

// Result columns carry Snowflake's names: unquoted identifiers upper case,
// quoted ones exact, expressions by their text upper-cased outside strings.
func TestResultColumnNames(t *testing.T) {
	_, s := adminSession(t)
	mustExec(t, s, `CREATE TABLE T (ID INT, "name" VARCHAR(10), Amount NUMBER(10,2))`)
	mustExec(t, s, `INSERT INTO T VALUES (1, 'a', 2.5)`)
	for _, tc := range []struct {
		sql  string
		want []string
	}{
		{`SELECT * FROM T`, []string{"ID", "name", "AMOUNT"}},
		{`select id, "name", amount from t`, []string{"ID", "name", "AMOUNT"}},
		{`SELECT t.id, x.amount FROM t JOIN t x ON t.id = x.id`, []string{"ID", "AMOUNT"}},
		{`SELECT count(*), COUNT(ID), sum(amount) FROM T`, []string{"COUNT(*)", "COUNT(ID)", "SUM(AMOUNT)"}},
		{`SELECT id AS Ident, amount "MixedCase" FROM T`, []string{"IDENT", "MixedCase"}},
		{`SELECT "name" || 'Suffix', id + 1, id::varchar FROM T`, []string{`"name" || 'Suffix'`, "ID + 1", "ID::VARCHAR"}},
		{`SELECT * FROM (SELECT id, count(*) FROM t GROUP BY id)`, []string{"ID", "COUNT(*)"}},
		{`WITH c AS (SELECT id AS k FROM t) SELECT * FROM c`, []string{"K"}},
	} {
		t.Run(tc.sql, func(t *testing.T) {
			names, _, _ := run(t, s, tc.sql)
			require.Equal(t, tc.want, names)
		})
	}
}

// DML statements answer with Snowflake's count columns and set RowsAffected.
func TestDMLResults(t *testing.T) {
	_, s := adminSession(t)
	mustExec(t, s, `CREATE TABLE T (ID INT)`)
	mustExec(t, s, `USE WAREHOUSE COMPUTE_WH`)
	for _, tc := range []struct {
		sql   string
		names []string
		n     int64
	}{
		{`INSERT INTO T VALUES (1), (2), (3)`, []string{"number of rows inserted"}, 3},
		{`UPDATE T SET ID = ID WHERE ID < 3`, []string{"number of rows updated", "number of multi-joined rows updated"}, 2},
		{`DELETE FROM T WHERE ID = 3`, []string{"number of rows deleted"}, 1},
	} {
		names, rows, res := run(t, s, tc.sql)
		require.Equal(t, tc.names, names, tc.sql)
		require.Equal(t, tc.n, rows[0][0], tc.sql)
		require.Equal(t, tc.n, res.RowsAffected(), tc.sql)
		require.Equal(t, sqlengine.KindDML, res.Kind(), tc.sql)
	}
}

// Two engines share nothing: the same names hold different rows.
func TestEnginesShareNothing(t *testing.T) {
	_, a := adminSession(t)
	_, b := adminSession(t)
	mustExec(t, a, `CREATE TABLE T (V VARCHAR(5))`)
	mustExec(t, b, `CREATE TABLE T (V VARCHAR(5))`)
	mustExec(t, a, `INSERT INTO T VALUES ('a')`)
	mustExec(t, b, `INSERT INTO T VALUES ('b'), ('b')`)
	_, ra, _ := run(t, a, `SELECT V FROM T`)
	_, rb, _ := run(t, b, `SELECT V FROM T`)
	require.Equal(t, [][]any{{"a"}}, ra)
	require.Equal(t, [][]any{{"b"}, {"b"}}, rb)
}

// A refused CREATE TABLE ... AS leaves no table and no rows behind, and a
// failed INSERT of several rows inserts none of them.
func TestFailedStatementsChangeNothing(t *testing.T) {
	eng, s := adminSession(t)
	mustExec(t, s, `CREATE TABLE SRC (ID INT, V VARCHAR(3))`)
	mustExec(t, s, `INSERT INTO SRC VALUES (1, 'ok')`)
	mustExec(t, s, `CREATE ROLE R`)
	mustExec(t, s, `GRANT USAGE ON DATABASE D TO ROLE R`)
	mustExec(t, s, `GRANT USAGE, CREATE TABLE ON SCHEMA D.PUBLIC TO ROLE R`)
	mustExec(t, s, `GRANT USAGE ON WAREHOUSE COMPUTE_WH TO ROLE R`)
	mustExec(t, s, `CREATE USER U PASSWORD = 'pw' DEFAULT_ROLE = R DEFAULT_WAREHOUSE = COMPUTE_WH DEFAULT_NAMESPACE = D.PUBLIC`)
	mustExec(t, s, `GRANT ROLE R TO USER U`)
	u, err := eng.Open(context.Background(), sqlengine.Login{User: "U", Password: "pw"})
	require.NoError(t, err)

	_, err = u.Execute(context.Background(), `CREATE TABLE COPY AS SELECT * FROM SRC`)
	require.True(t, sferr.Is(err, 2003), "%v", err)
	_, rows, _ := run(t, s, `SHOW TABLES LIKE 'COPY'`)
	require.Empty(t, rows)

	_, err = s.Execute(context.Background(), `INSERT INTO SRC VALUES (2, 'ok'), (3, 'too long')`)
	require.True(t, sferr.Is(err, 100078), "%v", err)
	_, rows, _ = run(t, s, `SELECT COUNT(*) FROM SRC`)
	require.Equal(t, int64(1), rows[0][0])
}

// Concurrent sessions inserting into and reading the same table lose no
// row (run with -race).
func TestConcurrentSessionsLoseNoRow(t *testing.T) {
	eng, admin := adminSession(t)
	mustExec(t, admin, `CREATE TABLE T (WRITER INT, SEQ INT)`)
	const writers, rowsEach = 6, 40
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	for w := 0; w < writers; w++ {
		wg.Add(2)
		go func(w int) {
			defer wg.Done()
			s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := 0; i < rowsEach; i++ {
				if _, err := s.Execute(context.Background(), fmt.Sprintf(`INSERT INTO D.PUBLIC.T VALUES (%d, %d)`, w, i)); err != nil {
					errs <- err
					return
				}
			}
		}(w)
		go func() {
			defer wg.Done()
			s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := 0; i < rowsEach/4; i++ {
				if _, err := s.Execute(context.Background(), `SELECT WRITER, COUNT(*) FROM D.PUBLIC.T GROUP BY WRITER`); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	_, rows, _ := run(t, admin, `SELECT COUNT(*), COUNT(DISTINCT WRITER, SEQ) FROM T`)
	require.Equal(t, []any{int64(writers * rowsEach), int64(writers * rowsEach)}, rows[0])
}

// Accounts created and used at the same time do not interfere (run with
// -race: go-mysql-server's constructor touches process-wide state).
func TestEnginesInParallel(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			eng := sqlengine.New(account.New(account.Config{}))
			s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
			if err != nil {
				errs <- err
				return
			}
			for _, q := range []string{`CREATE DATABASE D`, `CREATE TABLE T (I INT)`,
				fmt.Sprintf(`INSERT INTO T VALUES (%d)`, i), `SELECT I FROM T`} {
				if _, err := s.Execute(context.Background(), q); err != nil {
					errs <- err
					return
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
