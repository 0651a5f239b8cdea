package sqlengine

import (
	"context"
	"strconv"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// Data statements: SELECT ... FROM, WITH, INSERT, UPDATE, DELETE,
// TRUNCATE. Each is rewritten (which resolves and authorizes every table
// and view it names, in the order written), then checked for a usable
// warehouse, then run. Nothing runs before every check has passed, so a
// statement that fails authorization changes nothing.

// accessSet is what one statement was authorized to touch: the physical
// tables it may read and the one it may write, and the session functions
// it calls (data_funcs.go).
type accessSet struct {
	reads map[string]bool
	write string
	fns   []sessionFunc
}

func newAccessSet() *accessSet { return &accessSet{reads: map[string]bool{}} }

// dataSession returns the session's go-mysql-server session, opening it
// on first use.
func (s *Session) dataSession() *dataSession {
	if s.data == nil {
		s.data = s.eng.data.newSession()
	}
	return s.data
}

// scope returns the resolver for a statement run by the session itself.
func (s *Session) resolverFor(acc *accessSet) *dataScope {
	return &dataScope{s: s, actor: s.actor, database: s.database, schema: s.schema, acc: acc}
}

// requireWarehouse fails with 000606 unless the session has a current
// warehouse it may use: reading or writing table data needs compute
// (spec §6.1); metadata statements do not.
//
// An application needs neither: its setup script runs without a warehouse,
// and its procedures use the caller's without a grant of their own
// (docs/compatibility.md G.5).
func (s *Session) requireWarehouse() error {
	if s.actor.IsApplication() {
		return nil
	}
	if s.warehouse == "" {
		return sferr.NoWarehouse()
	}
	if s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindWarehouse, Path: []string{s.warehouse}}) != nil {
		return sferr.NoWarehouse()
	}
	return nil
}

func (s *Session) execData(ctx context.Context, n *DataStatement) (*Result, error) {
	switch n.Verb {
	case "SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE":
		return s.runData(ctx, n.Text, true)
	case "TRUNCATE":
		return s.execTruncate(ctx, n.Text)
	}
	return nil, sferr.Unsupported(n.Verb)
}

// runData rewrites, authorizes and runs one data statement.
func (s *Session) runData(ctx context.Context, text string, needWarehouse bool) (*Result, error) {
	return withLateralAliases(func(lateral map[string]bool) (*Result, error) {
		return s.runDataOnce(ctx, text, needWarehouse, lateral)
	})
}

func (s *Session) runDataOnce(ctx context.Context, text string, needWarehouse bool, lateral map[string]bool) (*Result, error) {
	acc := newAccessSet()
	rw, err := rewriteLateral(text, s.resolverFor(acc), lateral, tokensOf(s.parsed, text))
	if err != nil {
		return nil, err
	}
	if needWarehouse {
		if err := s.requireWarehouse(); err != nil {
			return nil, err
		}
	}
	data, ds := s.eng.data, s.dataSession()
	switch rw.kind {
	case dataInsert:
		n, _, err := data.exec(ctx, ds, rw.sql, acc)
		if err != nil {
			return nil, err
		}
		return dmlResult(n, "number of rows inserted"), nil
	case dataUpdate:
		var n int64
		if rw.materialize {
			n, err = data.updateRows(ctx, ds, rw, acc)
		} else {
			_, n, err = data.exec(ctx, ds, rw.sql, acc)
		}
		if err != nil {
			return nil, err
		}
		return dmlResult(n, "number of rows updated", "number of multi-joined rows updated"), nil
	case dataDelete:
		var n int64
		if rw.materialize {
			n, err = data.deleteRows(ctx, ds, rw, acc)
		} else {
			n, _, err = data.exec(ctx, ds, rw.sql, acc)
		}
		if err != nil {
			return nil, err
		}
		return dmlResult(n, "number of rows deleted"), nil
	case dataMerge:
		ins, upd, del, err := data.mergeRows(ctx, ds, rw, acc)
		if err != nil {
			return nil, err
		}
		return mergeResult(rw.merge, ins, upd, del), nil
	}
	return data.query(ctx, ds, rw.sql, acc)
}

// dmlResult is Snowflake's one-row result of a DML statement: the count
// in the first column, 0 in any further ones.
func dmlResult(n int64, names ...string) *Result {
	cols := make([]Column, len(names))
	row := make([]any, len(names))
	for i, name := range names {
		cols[i] = Column{Name: name, Type: "FIXED", Precision: 19}
		row[i] = int64(0)
	}
	row[0] = n
	return &Result{columns: cols, rows: [][]any{row}, kind: KindDML, rowsAffected: n}
}

// mergeResult is MERGE's result: a count column for each kind of action
// the statement has, inserted, updated, deleted.
func mergeResult(m *mergePlan, ins, upd, del int64) *Result {
	var cols []Column
	var row []any
	add := func(name string, n int64) {
		cols = append(cols, Column{Name: name, Type: "FIXED", Precision: 19})
		row = append(row, n)
	}
	if m.insert {
		add("number of rows inserted", ins)
	}
	if m.update {
		add("number of rows updated", upd)
	}
	if m.delete {
		add("number of rows deleted", del)
	}
	return &Result{columns: cols, rows: [][]any{row}, kind: KindDML, rowsAffected: ins + upd + del}
}

// execTruncate runs TRUNCATE [TABLE] [IF EXISTS] name: it needs the
// TRUNCATE privilege and a warehouse, and keeps the table, its grants and
// its columns.
func (s *Session) execTruncate(ctx context.Context, text string) (*Result, error) {
	p := newParser(text)
	var name ObjectName
	var bind *Binding
	var ifExists bool
	if err := p.try(func() {
		p.next()
		p.got(TABLE)
		ifExists = p.parseIfExists()
		if atBinding(p.toks, p.i) {
			bind = p.parseBinding()
		} else {
			name = p.parseName(3)
		}
		p.got(SEMICOLON)
		if p.tok != EOF {
			p.errorUnexpected()
		}
	}); err != nil {
		return nil, err
	}
	acc := newAccessSet()
	var rel relation
	var err error
	if bind != nil {
		rel, err = s.resolverFor(acc).binding(bind, account.OpTruncate, true)
	} else {
		rel, err = s.resolverFor(acc).relation(name, account.OpTruncate, true)
	}
	if err != nil {
		if ifExists && sferr.Is(err, 2003) {
			return status(KindDDL, executedOK), nil
		}
		return nil, err
	}
	if err := s.requireWarehouse(); err != nil {
		return nil, err
	}
	if err := s.eng.data.truncate(ctx, s.dataSession(), rel.table.phys); err != nil {
		return nil, err
	}
	return status(KindDDL, executedOK), nil
}

// dataScope resolves names for one statement: as the session, or as a
// view's owner while the view's body is expanded. It implements resolver.
type dataScope struct {
	s        *Session
	actor    *account.Actor // whose rights the references are checked with
	database string         // unqualified names resolve in this database ...
	schema   string         // ... and schema
	view     string         // the view being expanded; "" for the statement itself
	depth    int            // views expanded around this scope
	acc      *accessSet
}

var _ resolver = (*dataScope)(nil)

// maxViewDepth bounds view expansion (a view may name a view ...), which
// also stops a view that, through replacements, reads itself.
const maxViewDepth = 32

// qualify completes a written table name with the scope's database and schema.
func (d *dataScope) qualify(name ObjectName) ([]string, error) {
	switch len(name) {
	case 3:
		return name, nil
	case 2:
		if d.database == "" {
			return nil, sferr.NoCurrentDatabase()
		}
		return []string{d.database, name[0], name[1]}, nil
	case 1:
		if d.database == "" {
			return nil, sferr.NoCurrentDatabase()
		}
		if d.schema == "" {
			return nil, sferr.NoCurrentSchema()
		}
		return []string{d.database, d.schema, name[0]}, nil
	}
	return nil, sferr.InvalidIdentifier(name.String())
}

// relation implements resolver.
func (d *dataScope) relation(name ObjectName, op account.Op, dml bool) (relation, error) {
	if isRefToken(name) {
		if rel, ok, err := d.referenceRelation(name[0], op, dml); ok {
			return rel, err
		}
	}
	path, err := d.qualify(name)
	if err != nil {
		return relation{}, err
	}
	word := "Object" // how a query names a missing relation (spec §6.3)
	if dml {
		word = "Table"
	}
	if rel, ok, err := d.systemView(path, dml); ok || err != nil {
		return rel, err
	}
	acct := d.s.acct
	id, kind, err := acct.LookupRelation(d.actor, path)
	if err != nil && len(name) == 1 && !dml && path[1] != "PUBLIC" && d.view == "" {
		// A query looks for an unqualified name in the current schema, then
		// in PUBLIC (SEARCH_PATH '$current, $public'); a view's body only
		// in the view's own schema.
		alt := []string{path[0], "PUBLIC", path[2]}
		if id2, kind2, err2 := acct.LookupRelation(d.actor, alt); err2 == nil {
			path, id, kind, err = alt, id2, kind2, nil
		}
	}
	if err != nil {
		return relation{}, relationError(err, word)
	}
	if kind == account.KindView && dml {
		return relation{}, sferr.Unsupported(op.String() + " on a view")
	}
	if err := acct.Check(d.actor, op, id); err != nil {
		return relation{}, relationError(err, word)
	}
	return d.finishRelation(id, kind, path, word, dml)
}

// finishRelation builds the relation for an authorized table or view:
// a view's expanded body, or a table's physical name.
func (d *dataScope) finishRelation(id account.ObjectID, kind account.Kind, path []string, word string, dml bool) (relation, error) {
	full := account.QualifiedName(path...)
	rel := relation{id: id, name: full, alias: path[2]}
	if kind == account.KindView {
		return d.expandView(rel)
	}
	t := d.s.eng.cat.table(id)
	if t == nil {
		return relation{}, sferr.Unsupported("table data for " + full + " (created without columns)")
	}
	if t.session != 0 && t.session != d.s.actor.SessionID() {
		// Another session's temporary table: invisible here.
		return relation{}, sferr.ObjectNotFound(word, full)
	}
	if dml {
		d.acc.write = t.phys
	} else {
		d.acc.reads[t.phys] = true
	}
	rel.sql, rel.table = physRef(t.phys), t
	return rel, nil
}

// expandView returns a view's body, resolved and authorized with the
// rights of the view's owner: the session needed SELECT on the view only
// (owner's rights, spec §9.6). Unqualified names in the body resolve in
// the view's own database and schema.
func (d *dataScope) expandView(rel relation) (relation, error) {
	v := d.s.eng.cat.view(rel.id)
	if v == nil {
		return relation{}, sferr.Unsupported("querying view " + rel.name + " (created without a body Frostgate can run)")
	}
	if d.depth >= maxViewDepth {
		return relation{}, sferr.ViewExpansion(rel.alias, sferr.Internal("views nested too deeply"))
	}
	owner, err := d.s.acct.OwnerActorFor(rel.id, d.actor)
	if err != nil {
		return relation{}, toSF(err)
	}
	child := &dataScope{s: d.s, actor: owner, database: v.database, schema: v.schema, view: rel.name,
		depth: d.depth + 1, acc: d.acc}
	body, err := rewriteQueryLateral(v.query, child, v.lateral)
	if err != nil {
		return relation{}, sferr.ViewExpansion(rel.alias, sferr.As(toSF(err)))
	}
	rel.sql = "(" + body + ")"
	rel.columns = make([]string, len(v.columns))
	for i, c := range v.columns {
		rel.columns[i] = c.name
	}
	return rel, nil
}

// constant implements resolver: context functions are the session's, also
// inside a view (CURRENT_ROLE() in a view is the querying session's role).
func (d *dataScope) constant(name string) (string, bool) {
	v, ok, err := d.s.contextFunc(name, nil)
	if !ok || err != nil {
		return "", false
	}
	return sqlLiteral(v), true
}

// sessionFunc implements resolver: SYSTEM$REFERENCE and
// SYSTEM$QUERY_REFERENCE inside an expression run per row as the scope
// (the session, or a view's owner in the view's namespace), as they would
// written alone.
func (d *dataScope) sessionFunc(name string) (int, bool) {
	if _, app := appRefFuncs[name]; !app && name != "SYSTEM$REFERENCE" && name != "SYSTEM$QUERY_REFERENCE" {
		return 0, false
	}
	s := d.s
	if d.actor != s.actor || d.database != s.database || d.schema != s.schema {
		c := *s
		c.actor, c.database, c.schema = d.actor, d.database, d.schema
		s = &c
	}
	d.acc.fns = append(d.acc.fns, func(args []any) (any, error) {
		v, _, err := s.systemFunc(name, args)
		return v, err
	})
	return len(d.acc.fns) - 1, true
}

// variable implements resolver.
func (d *dataScope) variable(name string) (string, error) {
	v, ok := d.s.vars[name]
	if !ok {
		return "", sferr.SyntaxErrorMessage("Session variable '$" + name + "' does not exist")
	}
	return sqlLiteral(v), nil
}

// variableValue implements resolver.
func (d *dataScope) variableValue(name string) (any, error) {
	v, ok := d.s.vars[name]
	if !ok {
		return nil, sferr.SyntaxErrorMessage("Session variable '$" + name + "' does not exist")
	}
	return v, nil
}

// sqlLiteral renders a Go value as a go-mysql-server literal.
func sqlLiteral(v any) string {
	if !isLiteralValue(v) {
		return "NULL"
	}
	return plainLiteral(v, sqlString)
}

// isLiteralValue reports whether plainLiteral renders v as itself.
func isLiteralValue(v any) bool {
	switch v.(type) {
	case nil, string, int64, float64, bool:
		return true
	}
	return false
}

// plainLiteral renders nil, strings, numbers and booleans as SQL
// literals, with quote for strings (Snowflake's or go-mysql-server's
// escaping); any other value is quoted as its text. Bound parameters,
// which come in more Go types and may be refused, go through literal
// (bind.go).
func plainLiteral(v any, quote func(string) string) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return quote(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "TRUE"
		}
		return "FALSE"
	}
	return quote(valueText(v))
}
