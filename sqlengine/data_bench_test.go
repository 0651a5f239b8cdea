package sqlengine_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/memory"
	"github.com/dolthub/go-mysql-server/sql"

	"github.com/frostgate/frostgate/sqlengine"
)

// Benchmarks of the data plane against go-mysql-server alone, in one run:
// the same table shapes, rows and statements, once through a Frostgate
// session (rewrite, resolution, authorization, plan check, value
// conversion) and once straight into a go-mysql-server engine. No test
// fails on a timing: "make bench" prints them.

const smallRows = 100

// gmsDirect is a bare go-mysql-server engine with one database.
type gmsDirect struct {
	eng  *sqle.Engine
	sess *memory.Session
}

func newGMSDirect(b *testing.B) *gmsDirect {
	pro := memory.NewDBProvider(memory.NewDatabase("db"))
	g := &gmsDirect{eng: sqle.NewDefault(pro), sess: memory.NewSession(sql.NewBaseSession(), pro)}
	return g
}

// exec runs q with a fresh context, as a server does per statement, and
// drains the result.
func (g *gmsDirect) exec(b *testing.B, q string) int {
	ctx := sql.NewContext(context.Background(), sql.WithSession(g.sess))
	ctx.SetCurrentDatabase("db")
	_, iter, _, err := g.eng.Query(ctx, q)
	if err != nil {
		b.Fatal(q, err)
	}
	rows, err := sql.RowIterToRows(ctx, iter)
	if err != nil {
		b.Fatal(q, err)
	}
	return len(rows)
}

// frostgate is a Frostgate session of a user whose role holds exactly the
// grants it needs, so that every statement goes through a real
// authorization.
func newFrostgate(b *testing.B) *sqlengine.Session {
	_, s := newFrostgateEngine(b)
	return s
}

// newFrostgateEngine is newFrostgate that also returns the engine.
func newFrostgateEngine(b *testing.B) (*sqlengine.Engine, *sqlengine.Session) {
	eng, admin := adminSession(b)
	for _, q := range []string{
		`CREATE ROLE BENCH`,
		`GRANT USAGE ON DATABASE D TO ROLE BENCH`,
		`GRANT USAGE, CREATE TABLE ON SCHEMA D.PUBLIC TO ROLE BENCH`,
		`GRANT USAGE ON WAREHOUSE COMPUTE_WH TO ROLE BENCH`,
		`CREATE USER BENCHER PASSWORD = 'pw' DEFAULT_ROLE = BENCH DEFAULT_WAREHOUSE = COMPUTE_WH DEFAULT_NAMESPACE = D.PUBLIC`,
		`GRANT ROLE BENCH TO USER BENCHER`,
	} {
		mustExec(b, admin, q)
	}
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "BENCHER", Password: "pw"})
	if err != nil {
		b.Fatal(err)
	}
	return eng, s
}

// drain runs q on a Frostgate session and reads every row.
func drain(b *testing.B, s *sqlengine.Session, q string) int {
	res, err := s.Execute(context.Background(), q)
	if err != nil {
		b.Fatal(q, err)
	}
	row := make([]any, len(res.Columns()))
	n := 0
	for {
		if err := res.Next(row); errors.Is(err, io.EOF) {
			return n
		}
		n++
	}
}

// fill inserts rows 1..n into table t through run, doubling each time.
func fill(n int, t string, run func(q string)) {
	run(fmt.Sprintf(`INSERT INTO %s VALUES (1, 'row')`, t))
	for have := 1; have < n; have *= 2 {
		run(fmt.Sprintf(`INSERT INTO %s SELECT ID + %d, NAME FROM %s WHERE ID + %d <= %d`, t, have, t, have, n))
	}
}

func BenchmarkPointSelect(b *testing.B) {
	const q = `SELECT ID, NAME FROM T WHERE ID = 42`
	b.Run("frostgate", func(b *testing.B) {
		s := newFrostgate(b)
		mustExec(b, s, `CREATE TABLE T (ID INT, NAME VARCHAR(20))`)
		fill(smallRows, "T", func(q string) { mustExec(b, s, q) })
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if drain(b, s, q) != 1 {
				b.Fatal("want one row")
			}
		}
	})
	b.Run("gms", func(b *testing.B) {
		g := newGMSDirect(b)
		g.exec(b, `CREATE TABLE T (ID BIGINT, NAME VARCHAR(20))`)
		fill(smallRows, "T", func(q string) { g.exec(b, q) })
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if g.exec(b, q) != 1 {
				b.Fatal("want one row")
			}
		}
	})
}

func BenchmarkInsertRow(b *testing.B) {
	const q = `INSERT INTO T VALUES (7, 'inserted')`
	b.Run("frostgate", func(b *testing.B) {
		s := newFrostgate(b)
		mustExec(b, s, `CREATE TABLE T (ID INT, NAME VARCHAR(20))`)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			drain(b, s, q)
		}
	})
	b.Run("gms", func(b *testing.B) {
		g := newGMSDirect(b)
		g.exec(b, `CREATE TABLE T (ID BIGINT, NAME VARCHAR(20))`)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			g.exec(b, q)
		}
	})
}

const bulkRows = 100000

// reportRate reports rows per second over the timed part of the benchmark.
func reportRate(b *testing.B, rows int, elapsed time.Duration) {
	b.ReportMetric(float64(rows)*float64(b.N)/elapsed.Seconds(), "rows/s")
}

func BenchmarkInsertSelect100k(b *testing.B) {
	b.Run("frostgate", func(b *testing.B) {
		s := newFrostgate(b)
		mustExec(b, s, `CREATE TABLE SRC (ID INT, NAME VARCHAR(20))`)
		mustExec(b, s, `CREATE TABLE DST (ID INT, NAME VARCHAR(20))`)
		fill(bulkRows, "SRC", func(q string) { mustExec(b, s, q) })
		var elapsed time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			mustExec(b, s, `TRUNCATE TABLE DST`)
			b.StartTimer()
			start := time.Now()
			mustExec(b, s, `INSERT INTO DST SELECT * FROM SRC`)
			elapsed += time.Since(start)
		}
		reportRate(b, bulkRows, elapsed)
	})
	b.Run("gms", func(b *testing.B) {
		g := newGMSDirect(b)
		g.exec(b, `CREATE TABLE SRC (ID BIGINT, NAME VARCHAR(20))`)
		g.exec(b, `CREATE TABLE DST (ID BIGINT, NAME VARCHAR(20))`)
		fill(bulkRows, "SRC", func(q string) { g.exec(b, q) })
		var elapsed time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			g.exec(b, `TRUNCATE TABLE DST`)
			b.StartTimer()
			start := time.Now()
			g.exec(b, `INSERT INTO DST SELECT * FROM SRC`)
			elapsed += time.Since(start)
		}
		reportRate(b, bulkRows, elapsed)
	})
}

func BenchmarkFullScan100k(b *testing.B) {
	b.Run("frostgate", func(b *testing.B) {
		s := newFrostgate(b)
		mustExec(b, s, `CREATE TABLE SRC (ID INT, NAME VARCHAR(20))`)
		fill(bulkRows, "SRC", func(q string) { mustExec(b, s, q) })
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if n := drain(b, s, `SELECT * FROM SRC`); n != bulkRows {
				b.Fatalf("read %d rows", n)
			}
		}
		reportRate(b, bulkRows, time.Since(start))
	})
	b.Run("gms", func(b *testing.B) {
		g := newGMSDirect(b)
		g.exec(b, `CREATE TABLE SRC (ID BIGINT, NAME VARCHAR(20))`)
		fill(bulkRows, "SRC", func(q string) { g.exec(b, q) })
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if n := g.exec(b, `SELECT * FROM SRC`); n != bulkRows {
				b.Fatalf("read %d rows", n)
			}
		}
		reportRate(b, bulkRows, time.Since(start))
	})
}

// BenchmarkOverhead runs the same point SELECT and single-row INSERT on a
// Frostgate session and on go-mysql-server alone, alternating blocks of
// each so that both see the same machine load, and reports each side's
// time per statement and Frostgate's overhead in percent.
func BenchmarkOverhead(b *testing.B) {
	s := newFrostgate(b)
	mustExec(b, s, `CREATE TABLE T (ID INT, NAME VARCHAR(20))`)
	fill(smallRows, "T", func(q string) { mustExec(b, s, q) })
	g := newGMSDirect(b)
	g.exec(b, `CREATE TABLE T (ID BIGINT, NAME VARCHAR(20))`)
	fill(smallRows, "T", func(q string) { g.exec(b, q) })
	for _, tc := range []struct{ name, q string }{
		{"select", `SELECT ID, NAME FROM T WHERE ID = 42`},
		{"insert", `INSERT INTO T VALUES (7, 'inserted')`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			const block = 200
			var fg, gm time.Duration
			for done := 0; done < b.N; done += block {
				n := min(block, b.N-done)
				start := time.Now()
				for i := 0; i < n; i++ {
					drain(b, s, tc.q)
				}
				fg += time.Since(start)
				start = time.Now()
				for i := 0; i < n; i++ {
					g.exec(b, tc.q)
				}
				gm += time.Since(start)
			}
			b.ReportMetric(float64(fg.Nanoseconds())/float64(b.N), "frostgate-ns/op")
			b.ReportMetric(float64(gm.Nanoseconds())/float64(b.N), "gms-ns/op")
			b.ReportMetric(100*(float64(fg)/float64(gm)-1), "overhead-%")
		})
	}
}

// BenchmarkReferenceSelect compares a point query through a reference
// (SYSTEM$REFERENCE held in a session variable, IDENTIFIER($ref)) with the
// same query naming the table, in one run: the reference adds a map lookup
// and an authorization as its creator.
func BenchmarkReferenceSelect(b *testing.B) {
	s := newFrostgate(b)
	mustExec(b, s, `CREATE TABLE T (ID INT, NAME VARCHAR(20))`)
	fill(smallRows, "T", func(q string) { mustExec(b, s, q) })
	mustExec(b, s, `SET REF = (SELECT SYSTEM$REFERENCE('TABLE', 'T', 'SESSION'))`)
	for _, bc := range []struct{ name, q string }{
		{"table", `SELECT ID, NAME FROM T WHERE ID = 42`},
		{"reference", `SELECT ID, NAME FROM IDENTIFIER($REF) WHERE ID = 42`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if drain(b, s, bc.q) != 1 {
					b.Fatal("want one row")
				}
			}
		})
	}
}

// BenchmarkBindingSelect compares a point query through reference('name')
// (bound, through the test hook, to a SYSTEM$REFERENCE string) with the
// same query naming the table and through IDENTIFIER($ref), in one run:
// the binding adds the hook's lookup to the reference's.
func BenchmarkBindingSelect(b *testing.B) {
	eng, s := newFrostgateEngine(b)
	bindings, restore := sqlengine.BindForTest(eng)
	defer restore()
	mustExec(b, s, `CREATE TABLE T (ID INT, NAME VARCHAR(20))`)
	fill(smallRows, "T", func(q string) { mustExec(b, s, q) })
	mustExec(b, s, `SET REF = (SELECT SYSTEM$REFERENCE('TABLE', 'T', 'SESSION'))`)
	res, err := s.Execute(context.Background(), `SELECT $REF`)
	if err != nil {
		b.Fatal(err)
	}
	row := make([]any, 1)
	if err := res.Next(row); err != nil {
		b.Fatal(err)
	}
	bindings.Bind("CONSUMER_TABLE", row[0].(string))
	for _, bc := range []struct{ name, q string }{
		{"table", `SELECT ID, NAME FROM T WHERE ID = 42`},
		{"reference", `SELECT ID, NAME FROM IDENTIFIER($REF) WHERE ID = 42`},
		{"binding", `SELECT ID, NAME FROM reference('consumer_table') WHERE ID = 42`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if drain(b, s, bc.q) != 1 {
					b.Fatal("want one row")
				}
			}
		})
	}
}

// BenchmarkReferencePerRow measures SYSTEM$REFERENCE evaluated on each of
// 100 rows by the data plane, beside the same query computing a built-in
// function of the same column: the difference is the cost of making 100
// references (a name resolution and an account write each).
func BenchmarkReferencePerRow(b *testing.B) {
	s := newFrostgate(b)
	mustExec(b, s, `CREATE TABLE NAMES (NAME VARCHAR(20))`)
	var q strings.Builder
	q.WriteString(`INSERT INTO NAMES VALUES ('NAMES')`)
	for i := 1; i < 100; i++ {
		q.WriteString(`, ('NAMES')`)
	}
	mustExec(b, s, q.String())
	for _, bc := range []struct{ name, q string }{
		{"builtin", `SELECT UPPER(NAME) FROM NAMES`},
		{"reference", `SELECT SYSTEM$REFERENCE('TABLE', NAME, 'SESSION') FROM NAMES`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if drain(b, s, bc.q) != 100 {
					b.Fatal("want 100 rows")
				}
			}
		})
	}
}

// BenchmarkApplicationBinding measures reference('name') where it is used
// for real: inside an installed application's procedure, bound by the
// consumer through the register callback. It is compared, in the same run,
// with the same procedure reading the application's own table of the same
// rows (an ordinary authorized access), so the difference is the binding's
// resolution: the definition, the binding, the reference's privileges and
// the creator's roles checked at use.
func BenchmarkApplicationBinding(b *testing.B) {
	eng, admin := adminSession(b)
	eng.SetAppRoot(filepath.Join("testdata", "apps"))
	for _, q := range []string{
		`CREATE APPLICATION PACKAGE BENCH_PKG`,
		`ALTER APPLICATION PACKAGE BENCH_PKG ADD VERSION V1 USING 'bench_app'`,
		`CREATE APPLICATION BENCH_APP FROM APPLICATION PACKAGE BENCH_PKG USING VERSION V1`,
		`CALL BENCH_APP.CORE.FILL(` + strconv.Itoa(smallRows) + `)`,
		`CREATE TABLE D.PUBLIC.T (ID INT, NAME VARCHAR(20))`,
	} {
		mustExec(b, admin, q)
	}
	fill(smallRows, "D.PUBLIC.T", func(q string) { mustExec(b, admin, q) })
	mustExec(b, admin, `CALL BENCH_APP.CORE.REGISTER('consumer_table', 'ADD', SYSTEM$REFERENCE('TABLE', 'D.PUBLIC.T', 'PERSISTENT', 'SELECT'))`)
	for _, bc := range []struct{ name, q string }{
		{"own_table", `CALL BENCH_APP.CORE.OWN_POINT()`},
		{"binding", `CALL BENCH_APP.CORE.BOUND_POINT()`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if drain(b, admin, bc.q) != 1 {
					b.Fatal("want one row")
				}
			}
		})
	}
}

// BenchmarkInstallSampleApp measures CREATE APPLICATION of the sample
// application (its setup script: application roles, schemas, a table and
// its row, the procedures, a view and their grants) and DROP APPLICATION,
// what a test that installs a fresh application per case pays.
func BenchmarkInstallSampleApp(b *testing.B) {
	eng, admin := adminSession(b)
	eng.SetAppRoot(filepath.Join("..", "fixtures", "apps"))
	mustExec(b, admin, `CREATE APPLICATION PACKAGE SAMPLE_PKG`)
	mustExec(b, admin, `ALTER APPLICATION PACKAGE SAMPLE_PKG ADD VERSION V1 USING 'sample_app'`)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mustExec(b, admin, `CREATE APPLICATION SAMPLE_APP FROM APPLICATION PACKAGE SAMPLE_PKG USING VERSION V1`)
		mustExec(b, admin, `DROP APPLICATION SAMPLE_APP`)
	}
}
