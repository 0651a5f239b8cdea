package sqlengine

import (
	"encoding/json"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// DESCRIBE TABLE / VIEW and SHOW COLUMNS: metadata from the catalog, no
// warehouse needed. A relation is described to any session that can see it
// (holds some privilege on it), as SHOW TABLES lists it.

var (
	describeTableCols = textCols("name", "type", "kind", "null?", "default", "primary key", "unique key", "check",
		"expression", "comment", "policy name", "privacy domain")
	showColumnsCols = textCols("table_name", "schema_name", "column_name", "data_type", "null?", "default", "kind",
		"expression", "comment", "database_name", "autoincrement", "schema_evolution_record")
)

// relationColumns returns the columns of a table or view by ID.
func (s *Session) relationColumns(id account.ObjectID, kind account.Kind) []columnDef {
	if kind == account.KindView {
		if v := s.eng.cat.view(id); v != nil {
			return v.columns
		}
		return nil
	}
	if t := s.eng.cat.table(id); t != nil && (t.session == 0 || t.session == s.actor.SessionID()) {
		return t.columns
	}
	return nil
}

func (s *Session) execDescribeRelation(n *Describe) (*Result, error) {
	word := "Table"
	if n.Kind == KindView {
		word = "View"
	}
	id, kind, err := s.describedRelation(n, word)
	if err != nil {
		return nil, err
	}
	cols := s.relationColumns(id, kind)
	rows := make([][]any, len(cols))
	for i, c := range cols {
		rows[i] = []any{c.name, c.typ.String(), "COLUMN", yn(c.nullable), nullIfEmpty(c.def), yn(c.primaryKey),
			yn(c.unique), nil, nil, nullIfEmpty(c.comment), nil, nil}
	}
	return rowsResult(describeTableCols, rows), nil
}

// describedRelation finds the table or view DESCRIBE names: by name, by
// a reference string, or by reference('name'). Describing needs no
// privilege beyond seeing the object; through a reference, the creator
// must see it and the reference may carry any privilege.
func (s *Session) describedRelation(n *Describe, word string) (account.ObjectID, account.Kind, error) {
	var t account.RefTarget
	var err error
	switch {
	case n.Ref != nil:
		t, err = s.useBinding(s.actor, n.Ref, account.OpShow)
	case isRefToken(n.Name):
		var ok bool
		if t, ok, err = s.acct.UseReference(s.actor, n.Name[0], account.OpShow); !ok {
			return s.describedByName(n, word)
		}
	default:
		return s.describedByName(n, word)
	}
	switch {
	case err != nil:
		return 0, 0, relationError(err, word)
	case t.Query != "":
		return 0, 0, sferr.Unsupported("DESCRIBE of a query reference")
	case t.Kind != account.KindTable && t.Kind != account.KindView || n.Kind == KindView && t.Kind != account.KindView:
		return 0, 0, sferr.ReferenceInvalid()
	}
	return t.ID, t.Kind, nil
}

// describedByName finds the table or view DESCRIBE names by its name.
func (s *Session) describedByName(n *Describe, word string) (account.ObjectID, account.Kind, error) {
	path, err := s.resolverFor(newAccessSet()).qualify(n.Name)
	if err != nil {
		return 0, 0, err
	}
	id, kind, err := s.acct.LookupRelation(s.actor, path)
	if err == nil && n.Kind == KindView && kind != account.KindView {
		err = sferr.ObjectNotFound(word, account.QualifiedName(path...))
	}
	if err != nil {
		return 0, 0, relationError(err, word)
	}
	return id, kind, nil
}

func (s *Session) execShowColumns(n *ShowColumns) (*Result, error) {
	type rel struct {
		row  account.ObjectRow
		cols []columnDef
	}
	var rels []rel
	if n.Relation != nil {
		word := "Table"
		if n.Kind == KindView {
			word = "View"
		}
		path, err := s.resolverFor(newAccessSet()).qualify(n.Relation)
		if err != nil {
			return nil, err
		}
		id, kind, err := s.acct.LookupRelation(s.actor, path)
		if err != nil {
			return nil, relationError(err, word)
		}
		rels = append(rels, rel{row: account.ObjectRow{Name: path[2], Database: path[0], Schema: path[1]},
			cols: s.relationColumns(id, kind)})
	} else {
		in := n.In
		if in.Kind == ScopeNone && s.database != "" {
			in = ShowScope{Kind: ScopeDatabase}
			if s.schema != "" {
				in = ShowScope{Kind: ScopeSchema}
			}
		}
		scope, err := s.scope(account.KindTable, in)
		if err != nil {
			return nil, err
		}
		for _, k := range []account.Kind{account.KindTable, account.KindView} {
			objs, err := s.acct.ShowObjects(s.actor, k, scope)
			if err != nil {
				return nil, sferr.ObjectDoesNotExist()
			}
			for _, o := range objs {
				rels = append(rels, rel{row: o, cols: s.relationColumns(o.ID, k)})
			}
		}
	}
	var rows [][]any
	for _, r := range rels {
		for _, c := range r.cols {
			if n.Like != nil && !likeMatch(*n.Like, c.name) {
				continue
			}
			rows = append(rows, []any{r.row.Name, r.row.Schema, c.name, dataTypeJSON(c), tf(c.nullable), c.def,
				"COLUMN", "", c.comment, r.row.Database, "", nil})
		}
	}
	return rowsResult(showColumnsCols, rows), nil
}

// dataTypeJSON is SHOW COLUMNS' data_type: the type as Snowflake's JSON
// descriptor, in its key order: {"type":"FIXED","precision":38,"scale":0,"nullable":true}.
func dataTypeJSON(c columnDef) string {
	t := c.typ
	kv := func(k string, v any) string {
		b, _ := json.Marshal(v)
		return `"` + k + `":` + string(b)
	}
	var parts []string
	switch t.base {
	case "NUMBER":
		parts = []string{kv("type", "FIXED"), kv("precision", t.precision), kv("scale", t.scale), kv("nullable", c.nullable)}
	case "FLOAT":
		parts = []string{kv("type", "REAL"), kv("nullable", c.nullable)}
	case "VARCHAR":
		bytes := 4 * t.length
		if bytes > maxVarcharLength {
			bytes = maxVarcharLength
		}
		parts = []string{kv("type", "TEXT"), kv("length", t.length), kv("byteLength", bytes), kv("nullable", c.nullable), kv("fixed", false)}
	case "BINARY":
		parts = []string{kv("type", "BINARY"), kv("length", t.length), kv("byteLength", t.length), kv("nullable", c.nullable), kv("fixed", true)}
	case "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		parts = []string{kv("type", t.base), kv("precision", 0), kv("scale", t.precision), kv("nullable", c.nullable)}
	default:
		parts = []string{kv("type", t.base), kv("nullable", c.nullable)}
	}
	return "{" + strings.Join(parts, ",") + "}"
}
