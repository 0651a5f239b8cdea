package sqlengine

import (
	"context"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// CREATE TABLE and CREATE VIEW: the account decides who may create what
// and owns the name; the catalog gets the columns (and a view's body);
// the data store gets a physical table. The order keeps a failed statement
// from leaving anything behind: check the CREATE privilege, work out the
// columns (running CREATE TABLE ... AS's query into a physical table no
// one can see yet), and only then create the object and publish its
// definition together.

// checkCreate fails unless the session's primary role may create an
// object of kind k in the schema of ref (spec §3.5: CREATE uses the
// primary role only).
func (s *Session) checkCreate(ref account.Ref, op account.Op) error {
	id, err := s.acct.Lookup(s.actor, account.Ref{Kind: account.KindSchema, Path: ref.Path[:2]})
	if err != nil {
		return err
	}
	return s.acct.Check(s.actor, op, id)
}

func (s *Session) execCreateTable(ctx context.Context, n *CreateTable) (*Result, error) {
	if n.Clone != nil {
		return nil, sferr.Unsupported("CREATE TABLE ... CLONE")
	}
	if n.OrReplace && n.IfNotExists {
		return nil, errReplaceAndIfNotExists
	}
	ref, err := s.ref(account.KindTable, n.Name, nil)
	if err != nil {
		return nil, err
	}
	if err := s.checkCreate(ref, account.OpCreateTable); err != nil {
		return nil, err
	}
	var cols []columnDef
	acc := newAccessSet()
	fill := "" // CREATE TABLE ... AS: the rewritten query that fills the table
	switch {
	case n.Like != nil:
		cols, err = s.likeColumns(n.Like)
	case n.AsQuery != "":
		cols, fill, err = s.queryColumns(ctx, n, acc)
	default:
		cols, err = s.columnDefs(n.Columns, n.Constraints)
	}
	if err != nil {
		return nil, err
	}
	if err := checkColumnNames(cols); err != nil {
		return nil, err
	}
	data, ds := s.eng.data, s.dataSession()
	phys, err := data.createTable(ctx, ds, cols)
	if err != nil {
		return nil, err
	}
	if fill != "" {
		acc.write = phys
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = qi(c.name)
		}
		insert := "INSERT INTO " + physRef(phys) + " (" + strings.Join(names, ", ") + ") " + fill
		if _, _, err := data.exec(ctx, ds, insert, acc); err != nil {
			data.dropTable(ctx, ds, phys)
			return nil, err
		}
	}
	comment, props := splitProps(n.Props)
	def := &tableDef{phys: phys, columns: cols}
	if n.Temporary {
		props["TEMPORARY"] = "true"
		def.session = s.actor.SessionID()
	}
	spec := account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists,
		Comment: comment, Transient: n.Transient, Props: props}
	out, err := s.publish(spec, def, nil)
	if err != nil || out != account.Done {
		data.dropTable(ctx, ds, phys)
	}
	if err != nil {
		return nil, err
	}
	return status(KindDDL, createdMessage(ref, out)), nil
}

// publish creates the object in the account and records its definition
// in the same step (catalog.publish).
func (s *Session) publish(spec account.CreateSpec, t *tableDef, v *viewDef) (account.Outcome, error) {
	out := account.Done
	_, err := s.eng.cat.publish(func() (account.ObjectID, error) {
		id, o, err := s.acct.CreateObject(s.actor, spec)
		out = o
		if err != nil || o != account.Done {
			return 0, err
		}
		return id, nil
	}, t, v)
	return out, err
}

// likeColumns copies the columns of the table or view CREATE TABLE ...
// LIKE names, which the session must be able to see.
func (s *Session) likeColumns(name ObjectName) ([]columnDef, error) {
	path, err := s.resolverFor(newAccessSet()).qualify(name)
	if err != nil {
		return nil, err
	}
	id, kind, err := s.acct.LookupRelation(s.actor, path)
	if err != nil {
		return nil, relationError(err, "Table")
	}
	var cols []columnDef
	if kind == account.KindView {
		if v := s.eng.cat.view(id); v != nil {
			cols = v.columns
		}
	} else if t := s.eng.cat.table(id); t != nil {
		cols = t.columns
	}
	if cols == nil {
		return nil, sferr.Unsupported("LIKE " + account.QualifiedName(path...) + " (no columns known)")
	}
	return append([]columnDef(nil), cols...), nil
}

// queryColumns rewrites and authorizes CREATE TABLE ... AS's query (it
// reads table data, so it needs a warehouse) and returns the columns it
// produces, renamed and retyped by a column list when one is written.
func (s *Session) queryColumns(ctx context.Context, n *CreateTable, acc *accessSet) ([]columnDef, string, error) {
	var q string
	cols, err := withLateralAliases(func(lateral map[string]bool) ([]columnDef, error) {
		var err error
		if q, err = rewriteQueryLateral(n.AsQuery, s.resolverFor(acc), lateral); err != nil {
			return nil, err
		}
		if err := s.requireWarehouse(); err != nil {
			return nil, err
		}
		return s.eng.data.columnsOf(ctx, s.dataSession(), q, acc)
	})
	if err != nil {
		return nil, "", err
	}
	for i := range cols {
		cols[i].nullable = true
	}
	if n.Columns != nil {
		if len(n.Columns) != len(cols) {
			return nil, "", sferr.InsertValueCount(len(n.Columns), len(cols))
		}
		for i, c := range n.Columns {
			cols[i].name = c.Name
			if c.Type != "" {
				t, err := parseSFType(c.Type)
				if err != nil {
					return nil, "", err
				}
				cols[i].typ = t
			}
		}
	}
	return cols, q, nil
}

// checkColumnNames rejects a name used twice. go-mysql-server compares
// column names without case, so "a" and A, two columns in Snowflake, cannot
// both be stored (docs/compatibility.md D).
func checkColumnNames(cols []columnDef) error {
	seen := map[string]string{}
	for _, c := range cols {
		if prev, ok := seen[strings.ToUpper(c.name)]; ok {
			if prev == c.name {
				return sferr.DuplicateColumn(c.name)
			}
			return sferr.Unsupported("columns whose names differ only in case ('" + prev + "', '" + c.name + "')")
		}
		seen[strings.ToUpper(c.name)] = c.name
	}
	return nil
}

// columnDefs reads the column list of CREATE TABLE: types and the inline
// and out-of-line constraints Frostgate keeps (NOT NULL, DEFAULT, COMMENT,
// and PRIMARY KEY / UNIQUE, which like Snowflake it records but does not
// enforce beyond PRIMARY KEY's NOT NULL).
func (s *Session) columnDefs(defs []ColumnDef, constraints []string) ([]columnDef, error) {
	cols := make([]columnDef, len(defs))
	for i, d := range defs {
		if d.Type == "" {
			return nil, sferr.SyntaxErrorMessage("Column '" + d.Name + "' needs a data type")
		}
		t, err := parseSFType(d.Type)
		if err != nil {
			return nil, err
		}
		cols[i] = columnDef{name: d.Name, typ: t, nullable: true}
		if d.Constraints != "" {
			if err := s.columnConstraints(&cols[i], d.Constraints); err != nil {
				return nil, err
			}
		}
	}
	for _, c := range constraints {
		if err := tableConstraint(cols, c); err != nil {
			return nil, err
		}
	}
	return cols, nil
}

// columnConstraints reads the text after a column's type.
func (s *Session) columnConstraints(c *columnDef, text string) error {
	r := newRewriter(text, noTables{s.resolverFor(newAccessSet())})
	return r.run(func() {
		for r.tok() != EOF {
			switch {
			case r.tok() == NOT:
				r.next()
				r.expect(NULL)
				c.nullable = false
			case r.got(NULL):
				c.nullable = true
			case r.isWord("DEFAULT"):
				r.next()
				from := r.i
				c.defSQL = r.expr().sql
				c.def = r.itemText(from, r.i)
				if strings.HasSuffix(strings.ToUpper(c.def), ".NEXTVAL") {
					// Frostgate's sequences hold no values (docs/compatibility.md D.3).
					r.unsupported("sequence NEXTVAL as a column default")
				}
			case r.tok() == PRIMARY:
				r.next()
				r.expect(KEY)
				c.primaryKey, c.nullable = true, false
			case r.tok() == UNIQUE:
				r.next()
				c.unique = true
			case r.tok() == COMMENT:
				r.next()
				t := r.cur()
				r.expect(STRING)
				c.comment = unquoteString(t.lit)
			case r.tok() == CONSTRAINT:
				r.next()
				r.ident()
			case r.isWord("COLLATE"):
				r.next()
				r.expect(STRING)
			case r.isWord("REFERENCES"):
				r.next()
				r.objectName()
				if r.tok() == LPAREN {
					r.identList()
				}
			case r.isWord("AUTOINCREMENT") || r.isWord("IDENTITY"):
				r.unsupported(strings.ToUpper(r.cur().lit) + " columns")
			default:
				r.unsupported("column option " + strings.ToUpper(r.cur().lit))
			}
		}
	})
}

// tableConstraint applies an out-of-line PRIMARY KEY or UNIQUE to its
// columns; FOREIGN KEY is accepted and not kept.
func tableConstraint(cols []columnDef, text string) error {
	r := newRewriter(text, nil)
	return r.run(func() {
		if r.got(CONSTRAINT) {
			r.ident()
		}
		var pk bool
		switch {
		case r.tok() == PRIMARY:
			r.next()
			r.expect(KEY)
			pk = true
		case r.got(UNIQUE):
		case r.tok() == FOREIGN:
			r.i = len(r.toks) - 1
			return
		default:
			r.unexpected()
		}
		for _, name := range r.identList() {
			found := false
			for i := range cols {
				if cols[i].name == name {
					found = true
					if pk {
						cols[i].primaryKey, cols[i].nullable = true, false
					} else {
						cols[i].unique = true
					}
				}
			}
			if !found {
				r.fail(sferr.InvalidIdentifier(name))
			}
		}
		for r.tok() != EOF { // ENFORCED, RELY, ... change nothing
			r.next()
		}
	})
}

// noTables is a resolver for expressions that may not read tables (DEFAULT).
type noTables struct{ *dataScope }

func (noTables) relation(name ObjectName, _ account.Op, _ bool) (relation, error) {
	return relation{}, sferr.Unsupported("subqueries in a column default")
}

func (s *Session) execCreateView(ctx context.Context, n *CreateView) (*Result, error) {
	if n.Materialized {
		return nil, sferr.Unsupported("CREATE MATERIALIZED VIEW")
	}
	if n.OrReplace && n.IfNotExists {
		return nil, errReplaceAndIfNotExists
	}
	ref, err := s.ref(account.KindView, n.Name, nil)
	if err != nil {
		return nil, err
	}
	if err := s.checkCreate(ref, account.OpCreateView); err != nil {
		return nil, err
	}
	// The body is checked with the rights the view will run with: those of
	// its owner-to-be, the primary role; unqualified names resolve in the
	// view's own schema, as they will when the view is queried.
	var lateral map[string]bool
	cols, err := withLateralAliases(func(names map[string]bool) ([]columnDef, error) {
		acc := newAccessSet()
		scope := &dataScope{s: s, actor: s.actor.PrimaryOnly(), database: ref.Path[0], schema: ref.Path[1], acc: acc}
		q, err := rewriteQueryLateral(n.Query, scope, names)
		if err != nil {
			return nil, err
		}
		lateral = names
		return s.eng.data.columnsOf(ctx, s.dataSession(), q, acc)
	})
	if err != nil {
		return nil, err
	}
	v := &viewDef{query: n.Query, database: ref.Path[0], schema: ref.Path[1], columns: cols, lateral: lateral}
	if n.Columns != nil {
		if len(n.Columns) != len(cols) {
			return nil, sferr.InsertValueCount(len(n.Columns), len(cols))
		}
		for i, c := range n.Columns {
			cols[i].name = c.Name
			if c.Comment != nil {
				cols[i].comment = *c.Comment
			}
		}
		v.renamed = true
	}
	if err := checkColumnNames(cols); err != nil {
		return nil, err
	}
	comment, props := splitProps(n.Props)
	props["TEXT"] = n.String()
	props["SECURE"] = tf(n.Secure)
	out, err := s.publish(account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists,
		Comment: comment, Props: props}, nil, v)
	if err != nil {
		return nil, err
	}
	return status(KindDDL, createdMessage(ref, out)), nil
}

// dropTemporary removes a temporary table for good when its session ends.
func (s *Session) dropTemporary(id account.ObjectID) {
	t := s.eng.cat.table(id)
	s.acct.Discard(id)
	s.eng.cat.forget(id)
	if t != nil {
		s.eng.data.dropTable(context.Background(), s.dataSession(), t.phys)
	}
}
