package sqlengine

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/memory"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/frostgate/frostgate/sferr"
)

// data.go and its data_*.go siblings are the only files of sqlengine that
// touch go-mysql-server (style.md C1). Everything they run has been
// rewritten and authorized before: they check the plan against what was
// authorized, run it, convert results into Frostgate's values, and map
// go-mysql-server's errors to Snowflake's through one table.
//
// Each Engine embeds its own go-mysql-server engine over its own in-memory
// provider, so two accounts share no table and no state. Every table lives
// in a go-mysql-server database of its own, named t<N> from a counter and
// holding one table named physTable: physical names never carry a
// Snowflake name, so "lower" and LOWER are t1 and t2, and a lookup costs a
// map access however many tables the account has.

// physTable is the name of the one table in each physical database.
const physTable = "t"

// homeDB is every go-mysql-server session's current database; it is empty.
const homeDB = "frostgate"

// dataStore is an account's table data.
//
// go-mysql-server's memory tables keep a session's changes in a copy of
// the table that its commit writes back whole, so two sessions writing at
// once would lose each other's rows. mu therefore admits one writing
// statement at a time, or any number of reading ones.
type dataStore struct {
	mu  sync.RWMutex
	pro *memory.DbProvider
	eng *sqle.Engine
	seq atomic.Uint64
}

// engineInit serializes go-mysql-server engine construction: its
// constructor resets process-wide status variables without synchronization,
// so two accounts created at once would race. It is the only state this
// package shares between engines, and queries never take it.
var engineInit sync.Mutex

func newDataStore() *dataStore {
	pro := memory.NewDBProvider(memory.NewDatabase(homeDB))
	engineInit.Lock()
	defer engineInit.Unlock()
	eng := sqle.NewDefault(pro)
	registerSessionFn(eng.Analyzer.Catalog)
	return &dataStore{pro: pro, eng: eng}
}

// dataSession is one Frostgate session's go-mysql-server session. Like
// Session, it is not safe for concurrent use.
type dataSession struct {
	sess   *memory.Session
	parsed map[string]ast.Statement // recently parsed statements, by text
}

// maxParsed bounds a session's cache of parsed statements.
const maxParsed = 128

func (d *dataStore) newSession() *dataSession {
	return &dataSession{sess: memory.NewSession(sql.NewBaseSession(), d.pro), parsed: map[string]ast.Statement{}}
}

// parse returns the parsed form of a rewritten statement. Clients repeat
// statements, and parsing is a sizeable share of a short query's cost, so
// each session keeps the last ones it parsed (go-mysql-server reuses
// parsed statements the same way for prepared statements; binding does
// not change them).
func (d *dataStore) parse(ds *dataSession, query string) (ast.Statement, error) {
	if st, ok := ds.parsed[query]; ok {
		return st, nil
	}
	st, err := d.eng.Parser.ParseSimple(query)
	if err != nil {
		return nil, err
	}
	if len(ds.parsed) >= maxParsed {
		clear(ds.parsed)
	}
	ds.parsed[query] = st
	return st, nil
}

// context returns a go-mysql-server context for one statement, starting
// from no transaction so that the statement sees every committed change.
func (d *dataStore) context(ctx context.Context, ds *dataSession) *sql.Context {
	c := sql.NewContext(ctx, sql.WithSession(ds.sess))
	c.SetCurrentDatabase(homeDB)
	c.SetTransaction(nil)
	return c
}

// physRef is the go-mysql-server name of a physical table.
func physRef(phys string) string { return qi(phys) + "." + qi(physTable) }

// createTable creates a physical table for cols and returns its database
// name. No session can reach it until the catalog maps an ObjectID to it.
func (d *dataStore) createTable(ctx context.Context, ds *dataSession, cols []columnDef) (string, error) {
	phys := "t" + strconv.FormatUint(d.seq.Add(1), 10)
	var b strings.Builder
	b.WriteString("CREATE TABLE " + physRef(phys) + " (")
	budget := 60000 // of go-mysql-server's 65,535-byte inline row limit
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		inline := false
		if n := c.typ.rowBytes(); n > 0 && n <= budget && c.typ.length <= 16383 {
			inline, budget = true, budget-n
		}
		b.WriteString(columnSQL(c, inline))
	}
	b.WriteString(")")
	d.mu.Lock()
	defer d.mu.Unlock()
	gctx := d.context(ctx, ds)
	if err := d.pro.CreateDatabase(gctx, phys); err != nil {
		return "", internalError(err)
	}
	if _, err := d.run(gctx, ds, b.String(), nil); err != nil {
		_ = d.pro.DropDatabase(gctx, phys)
		return "", err
	}
	return phys, nil
}

// columnSQL is a column's definition for go-mysql-server.
func columnSQL(c columnDef, inline bool) string {
	s := qi(c.name) + " " + c.typ.ddl(inline)
	if !c.nullable {
		s += " NOT NULL"
	}
	if c.defSQL != "" {
		s += " DEFAULT (" + c.defSQL + ")"
	}
	return s
}

// alterTable changes a physical table's columns.
func (d *dataStore) alterTable(ctx context.Context, ds *dataSession, stmt string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, err := d.run(d.context(ctx, ds), ds, stmt, nil)
	return err
}

// dropTable removes a physical table that was never published, or whose
// object is gone for good (a temporary table after its session).
func (d *dataStore) dropTable(ctx context.Context, ds *dataSession, phys string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	_ = d.pro.DropDatabase(d.context(ctx, ds), phys)
}

// run plans, checks and executes one statement and returns every row,
// with the caller holding mu. allowed, when not nil, is what the
// statement was authorized to touch; the plan must touch nothing else.
func (d *dataStore) run(gctx *sql.Context, ds *dataSession, query string, allowed *accessSet) (res *gmsResult, err error) {
	defer recoverPanic(gctx, &err)
	gctx = withSessionFns(gctx, allowed)
	parsed, err := d.parse(ds, query)
	if err != nil {
		return nil, gmsError(err)
	}
	node, err := d.eng.BoundQueryPlan(gctx, query, parsed, nil)
	if err != nil {
		gctx.SetTransaction(nil)
		return nil, gmsError(err)
	}
	fix := true // unverified plans (internal statements) are fixed unconditionally
	if allowed != nil {
		if fix, err = allowed.verify(node); err != nil {
			gctx.SetTransaction(nil)
			return nil, err
		}
	}
	if fix {
		if node, err = fixDecimalHashKeys(node); err != nil {
			gctx.SetTransaction(nil)
			return nil, internalError(err)
		}
	}
	sch, iter, _, err := d.eng.PrepQueryPlanForExecution(gctx, query, node, nil)
	if err != nil {
		gctx.SetTransaction(nil)
		return nil, gmsError(err)
	}
	rows, err := sql.RowIterToRows(gctx, iter)
	gctx.SetTransaction(nil)
	if err != nil {
		return nil, gmsError(err)
	}
	return &gmsResult{schema: sch, rows: rows}, nil
}

// gmsResult is what go-mysql-server returned for one statement.
type gmsResult struct {
	schema sql.Schema
	rows   []sql.Row
}

// ok returns a DML statement's OkResult: rows affected and, for UPDATE,
// rows matched.
func (g *gmsResult) ok() (affected, matched int64) {
	if len(g.rows) == 1 && len(g.rows[0]) == 1 {
		if r, isOK := g.rows[0][0].(types.OkResult); isOK {
			affected = int64(r.RowsAffected)
			matched = affected
			if info, isUpdate := r.Info.(interface{ String() string }); isUpdate && info != nil {
				if m, found := matchedRows(info.String()); found {
					matched = m
				}
			}
		}
	}
	return affected, matched
}

// matchedRows reads "Rows matched: N" from an UPDATE's info: Snowflake
// counts the rows an UPDATE matched, MySQL the rows it changed.
func matchedRows(info string) (int64, bool) {
	const prefix = "Rows matched: "
	i := strings.Index(info, prefix)
	if i < 0 {
		return 0, false
	}
	s := info[i+len(prefix):]
	j := 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, err := strconv.ParseInt(s[:j], 10, 64)
	return n, err == nil
}

// query runs a rewritten query under the read lock and returns its result.
func (d *dataStore) query(ctx context.Context, ds *dataSession, q string, allowed *accessSet) (*Result, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	g, err := d.run(d.context(ctx, ds), ds, q, allowed)
	if err != nil {
		return nil, err
	}
	return g.result(), nil
}

// exec runs a rewritten INSERT, UPDATE or DELETE under the write lock and
// returns rows affected and matched.
func (d *dataStore) exec(ctx context.Context, ds *dataSession, q string, allowed *accessSet) (affected, matched int64, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	g, err := d.run(d.context(ctx, ds), ds, q, allowed)
	if err != nil {
		return 0, 0, err
	}
	affected, matched = g.ok()
	return affected, matched, nil
}

// columnsOf plans a query without running it and returns the columns it
// would return, as Snowflake types (CREATE VIEW, CREATE TABLE ... AS).
func (d *dataStore) columnsOf(ctx context.Context, ds *dataSession, q string, allowed *accessSet) (_ []columnDef, err error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	gctx := d.context(ctx, ds)
	defer gctx.SetTransaction(nil)
	defer recoverPanic(gctx, &err)
	gctx = withSessionFns(gctx, allowed)
	parsed, err := d.parse(ds, q)
	if err != nil {
		return nil, gmsError(err)
	}
	node, err := d.eng.BoundQueryPlan(gctx, q, parsed, nil)
	if err != nil {
		return nil, gmsError(err)
	}
	if _, err := allowed.verify(node); err != nil {
		return nil, err
	}
	sch := node.Schema()
	cols := make([]columnDef, len(sch))
	for i, c := range sch {
		cols[i] = columnDef{name: c.Name, typ: snowflakeType(c.Type), nullable: c.Nullable}
	}
	return cols, nil
}

// truncate empties a physical table.
func (d *dataStore) truncate(ctx context.Context, ds *dataSession, phys string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, err := d.run(d.context(ctx, ds), ds, "TRUNCATE TABLE "+physRef(phys), nil)
	return err
}

// rowCount returns how many rows a physical table holds and how many bytes
// they take (INFORMATION_SCHEMA.TABLES, SHOW TABLES).
func (d *dataStore) rowCount(ctx context.Context, ds *dataSession, phys string) (rows, bytes int64) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	gctx := d.context(ctx, ds)
	defer gctx.SetTransaction(nil)
	db, err := d.pro.Database(gctx, phys)
	if err != nil {
		return 0, 0
	}
	tbl, ok, err := db.GetTableInsensitive(gctx, physTable)
	if err != nil || !ok {
		return 0, 0
	}
	st, ok := tbl.(sql.StatisticsTable)
	if !ok {
		return 0, 0
	}
	n, _, _ := st.RowCount(gctx)
	b, _ := st.DataLength(gctx)
	return int64(n), int64(b)
}

// recoverPanic turns a panic inside go-mysql-server (it has a few, on
// inputs it does not expect) into an internal error for the one statement,
// so that it cannot take the process and every other session down.
func recoverPanic(gctx *sql.Context, err *error) {
	if r := recover(); r != nil {
		gctx.SetTransaction(nil)
		*err = sferr.Internal("the data engine failed to run the statement")
	}
}
