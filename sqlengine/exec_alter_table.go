package sqlengine

import (
	"context"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// ALTER TABLE ... ADD / DROP / RENAME COLUMN: like every ALTER, it needs
// OWNERSHIP of the table; it changes the physical table and publishes the
// new column list. https://docs.snowflake.com/en/sql-reference/sql/alter-table-column

func (s *Session) execAlterColumns(ctx context.Context, n *Alter, ref account.Ref) (*Result, error) {
	id, kind, err := s.acct.LookupRelation(s.actor, ref.Path)
	if err == nil && kind != account.KindTable {
		err = sferr.ObjectNotFound("Table", account.QualifiedName(ref.Path...))
	}
	if err != nil {
		if n.IfExists && sferr.Is(relationError(err, "Table"), 2003) {
			return status(KindDDL, executedOK), nil
		}
		return nil, relationError(err, "Table")
	}
	if err := s.acct.Check(s.actor, account.OpOwn, id); err != nil {
		return nil, relationError(err, "Table")
	}
	t := s.eng.cat.table(id)
	if t == nil {
		return nil, sferr.Unsupported("ALTER TABLE " + n.Other)
	}
	next := &tableDef{phys: t.phys, session: t.session, columns: append([]columnDef(nil), t.columns...)}
	var stmt string
	r := newRewriter(n.Other, noTables{s.resolverFor(newAccessSet())})
	err = r.run(func() {
		switch {
		case r.isWord("ADD"):
			r.next()
			r.gotWord("COLUMN")
			c := columnDef{name: r.ident(), nullable: true}
			if r.isWord("IF") {
				r.unsupported("ADD COLUMN IF NOT EXISTS")
			}
			c.typ = r.typeName()
			if r.tok() != EOF {
				rest := r.src[r.cur().pos:]
				r.i = len(r.toks) - 1
				if err := s.columnConstraints(&c, rest); err != nil {
					r.fail(err)
				}
			}
			next.columns = append(next.columns, c)
			if err := checkColumnNames(next.columns); err != nil {
				r.fail(err)
			}
			stmt = "ALTER TABLE " + physRef(t.phys) + " ADD COLUMN " + columnSQL(c, true)
		case r.isWord("DROP"):
			r.next()
			r.gotWord("COLUMN")
			var drops []string
			for {
				name := r.ident()
				i := columnIndex(next.columns, name)
				if i < 0 {
					r.fail(sferr.InvalidIdentifier(name))
				}
				next.columns = append(next.columns[:i], next.columns[i+1:]...)
				drops = append(drops, "DROP COLUMN "+qi(name))
				if !r.got(COMMA) {
					break
				}
			}
			if len(next.columns) == 0 {
				r.fail(sferr.ExecutionError("cannot drop the last column of a table"))
			}
			stmt = "ALTER TABLE " + physRef(t.phys) + " " + strings.Join(drops, ", ")
		case r.tok() == RENAME:
			r.next()
			r.expectWord("COLUMN")
			from := r.ident()
			r.expect(TO)
			to := r.ident()
			i := columnIndex(next.columns, from)
			if i < 0 {
				r.fail(sferr.InvalidIdentifier(from))
			}
			next.columns[i].name = to
			if err := checkColumnNames(next.columns); err != nil {
				r.fail(err)
			}
			stmt = "ALTER TABLE " + physRef(t.phys) + " RENAME COLUMN " + qi(from) + " TO " + qi(to)
		default:
			r.unsupported("ALTER TABLE " + n.Other)
		}
	})
	if err != nil {
		return nil, err
	}
	if err := s.eng.data.alterTable(ctx, s.dataSession(), stmt); err != nil {
		return nil, err
	}
	s.eng.cat.replaceTable(id, next)
	return status(KindDDL, executedOK), nil
}

func columnIndex(cols []columnDef, name string) int {
	for i, c := range cols {
		if c.name == name {
			return i
		}
	}
	return -1
}
