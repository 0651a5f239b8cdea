package sqlengine

import (
	"context"
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/frostgate/frostgate/sferr"
)

// Materialized UPDATE and DELETE. go-mysql-server v0.20.0 cannot run
// UPDATE ... FROM on a table without a primary key ("keyless tables
// unsupported for UPDATE JOIN"), nor UPDATE or DELETE whose condition holds
// a subquery (IN turns into that join; a correlated EXISTS fails with
// "uninitialized subquery"). Snowflake tables have no enforced keys, and a
// key would make every INSERT scan the table, so these statements run in
// two steps instead: a SELECT, which go-mysql-server plans well, finds the
// target rows (and their new values), then the table's own editor changes
// them.
//
// A keyless table identifies a row by its values, as go-mysql-server's own
// editor does: identical rows are indistinguishable, and since identical
// rows meet any condition alike, every copy of a matched row is changed.
// The counts are Snowflake's: rows of the target changed, each once,
// however many source rows it joined.

// rowKey identifies a row by its values.
func rowKey(r sql.Row) string {
	var b strings.Builder
	for _, v := range r {
		fmt.Fprintf(&b, "%T:%v\x00", v, v)
	}
	return b.String()
}

// targetRows runs the selecting query and returns each distinct target row
// (the first width values of a result row) with the first result row it
// came with, in order.
func (d *dataStore) targetRows(gctx *sql.Context, ds *dataSession, q string, width int, allowed *accessSet) ([]sql.Row, map[string]sql.Row, error) {
	g, err := d.run(gctx, ds, q, allowed)
	if err != nil {
		return nil, nil, err
	}
	var order []sql.Row
	first := map[string]sql.Row{}
	for _, r := range g.rows {
		if len(r) < width {
			return nil, nil, sferr.Internal("materialized DML: short row")
		}
		k := rowKey(r[:width])
		if _, ok := first[k]; !ok {
			first[k] = r
			order = append(order, r[:width])
		}
	}
	return order, first, nil
}

// copies counts the copies of each row in the target table.
func (d *dataStore) copies(gctx *sql.Context, ds *dataSession, phys string) (map[string]int, error) {
	g, err := d.run(gctx, ds, "SELECT * FROM "+physRef(phys), nil)
	if err != nil {
		return nil, err
	}
	n := make(map[string]int, len(g.rows))
	for _, r := range g.rows {
		n[rowKey(r)]++
	}
	return n, nil
}

// editTable opens the physical table for editing in a new transaction of
// the session, runs edit, and commits; nothing is kept if edit fails.
func (d *dataStore) editTable(gctx *sql.Context, ds *dataSession, phys string, edit func(sql.Table) error) (err error) {
	defer recoverPanic(gctx, &err)
	tx, err := ds.sess.StartTransaction(gctx, sql.ReadWrite)
	if err != nil {
		return internalError(err)
	}
	gctx.SetTransaction(tx)
	defer gctx.SetTransaction(nil)
	db, err := d.pro.Database(gctx, phys)
	if err != nil {
		return internalError(err)
	}
	tbl, ok, err := db.GetTableInsensitive(gctx, physTable)
	if err != nil || !ok {
		return internalError(err)
	}
	if err := edit(tbl); err != nil {
		_ = ds.sess.Rollback(gctx, tx)
		return err
	}
	if err := ds.sess.CommitTransaction(gctx, tx); err != nil {
		return internalError(err)
	}
	return nil
}

// updateRows runs a materialized UPDATE: rw.sql returns each target row
// followed by the values of rw.setCols.
func (d *dataStore) updateRows(ctx context.Context, ds *dataSession, rw *rewritten, allowed *accessSet) (int64, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	gctx := d.context(ctx, ds)
	phys := rw.target.table.phys
	db, err := d.pro.Database(gctx, phys)
	if err != nil {
		return 0, internalError(err)
	}
	tbl, _, err := db.GetTableInsensitive(gctx, physTable)
	if err != nil || tbl == nil {
		return 0, internalError(err)
	}
	schema := tbl.Schema()
	idx := make([]int, len(rw.setCols))
	for i, c := range rw.setCols {
		idx[i] = schema.IndexOfColName(c)
		if idx[i] < 0 {
			return 0, sferr.InvalidIdentifier(c)
		}
	}
	rows, first, err := d.targetRows(gctx, ds, rw.sql, len(schema), allowed)
	if err != nil {
		return 0, err
	}
	// Work out every new row before changing anything.
	changes := make([][2]sql.Row, len(rows))
	for i, old := range rows {
		src := first[rowKey(old)]
		nu := old.Copy()
		for j, col := range idx {
			v, err := convertValue(gctx, schema[col], src[len(schema)+j])
			if err != nil {
				return 0, err
			}
			nu[col] = v
		}
		changes[i] = [2]sql.Row{old, nu}
	}
	n, err := d.copies(gctx, ds, phys)
	if err != nil {
		return 0, err
	}
	var total int64
	err = d.editTable(gctx, ds, phys, func(t sql.Table) error {
		up := t.(sql.UpdatableTable).Updater(gctx)
		up.StatementBegin(gctx)
		for _, c := range changes {
			for k := n[rowKey(c[0])]; k > 0; k-- {
				if err := up.Update(gctx, c[0], c[1]); err != nil {
					_ = up.DiscardChanges(gctx, err)
					_ = up.Close(gctx)
					return gmsError(err)
				}
				total++
			}
		}
		if err := up.StatementComplete(gctx); err != nil {
			return gmsError(err)
		}
		return up.Close(gctx)
	})
	return total, err
}

// deleteRows runs a materialized DELETE: rw.sql returns the target rows.
func (d *dataStore) deleteRows(ctx context.Context, ds *dataSession, rw *rewritten, allowed *accessSet) (int64, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	gctx := d.context(ctx, ds)
	phys := rw.target.table.phys
	width := len(rw.target.table.columns)
	rows, _, err := d.targetRows(gctx, ds, rw.sql, width, allowed)
	if err != nil {
		return 0, err
	}
	n, err := d.copies(gctx, ds, phys)
	if err != nil {
		return 0, err
	}
	var total int64
	err = d.editTable(gctx, ds, phys, func(t sql.Table) error {
		del := t.(sql.DeletableTable).Deleter(gctx)
		del.StatementBegin(gctx)
		for _, r := range rows {
			for k := n[rowKey(r)]; k > 0; k-- {
				if err := del.Delete(gctx, r); err != nil {
					_ = del.DiscardChanges(gctx, err)
					_ = del.Close(gctx)
					return gmsError(err)
				}
				total++
			}
		}
		if err := del.StatementComplete(gctx); err != nil {
			return gmsError(err)
		}
		return del.Close(gctx)
	})
	return total, err
}

// convertValue converts a value to a column's type, as an UPDATE's SET does.
func convertValue(gctx *sql.Context, col *sql.Column, v any) (any, error) {
	if v == nil {
		if !col.Nullable {
			return nil, sferr.NullNotAllowed()
		}
		return nil, nil
	}
	out, inRange, err := col.Type.Convert(gctx, v)
	if err != nil {
		return nil, gmsError(err)
	}
	if inRange != sql.InRange {
		return nil, sferr.NumericOutOfRange()
	}
	return out, nil
}

// mergeRows runs a rewritten MERGE: the matching query decides, for each
// matched target row, the first WHEN MATCHED clause that applies; the
// WHEN NOT MATCHED inserts run next, then the updates and deletes. A
// target row matched by several source rows is Snowflake's nondeterministic
// merge error (ERROR_ON_NONDETERMINISTIC_MERGE is TRUE by default).
func (d *dataStore) mergeRows(ctx context.Context, ds *dataSession, rw *rewritten, allowed *accessSet) (ins, upd, del int64, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	gctx := d.context(ctx, ds)
	plan, phys := rw.merge, rw.target.table.phys
	type change struct {
		old, new sql.Row // new is nil for a delete
	}
	var changes []change
	var copies map[string]int
	if plan.matched != "" {
		db, err := d.pro.Database(gctx, phys)
		if err != nil {
			return 0, 0, 0, internalError(err)
		}
		tbl, _, err := db.GetTableInsensitive(gctx, physTable)
		if err != nil || tbl == nil {
			return 0, 0, 0, internalError(err)
		}
		schema := tbl.Schema()
		g, err := d.run(gctx, ds, plan.matched, allowed)
		if err != nil {
			return 0, 0, 0, err
		}
		if copies, err = d.copies(gctx, ds, phys); err != nil {
			return 0, 0, 0, err
		}
		joined := map[string]int{}
		var firsts []sql.Row
		for _, r := range g.rows {
			k := rowKey(r[:len(schema)])
			if joined[k] == 0 {
				firsts = append(firsts, r)
			}
			joined[k]++
		}
		for _, r := range firsts {
			old := r[:len(schema)]
			if joined[rowKey(old)] > copies[rowKey(old)] {
				return 0, 0, 0, sferr.DuplicateRow()
			}
			for _, c := range plan.clauses {
				if !truthy(r[c.cond]) {
					continue
				}
				if c.delete {
					changes = append(changes, change{old: old})
					break
				}
				nu := sql.Row(old).Copy()
				for j, col := range c.setCols {
					i := schema.IndexOfColName(col)
					if i < 0 {
						return 0, 0, 0, sferr.InvalidIdentifier(col)
					}
					v, err := convertValue(gctx, schema[i], r[c.cond+1+j])
					if err != nil {
						return 0, 0, 0, err
					}
					nu[i] = v
				}
				changes = append(changes, change{old: old, new: nu})
				break
			}
		}
	}
	for _, q := range plan.inserts {
		g, err := d.run(d.context(ctx, ds), ds, q, allowed)
		if err != nil {
			return 0, 0, 0, err
		}
		n, _ := g.ok()
		ins += n
	}
	if len(changes) == 0 {
		return ins, 0, 0, nil
	}
	err = d.editTable(gctx, ds, phys, func(t sql.Table) error {
		ed := t.(sql.UpdatableTable).Updater(gctx)
		del2, ok := ed.(sql.RowDeleter)
		if !ok {
			return internalError(nil)
		}
		ed.StatementBegin(gctx)
		for _, c := range changes {
			for k := copies[rowKey(c.old)]; k > 0; k-- {
				var err error
				if c.new == nil {
					err = del2.Delete(gctx, c.old)
					del++
				} else {
					err = ed.Update(gctx, c.old, c.new)
					upd++
				}
				if err != nil {
					_ = ed.DiscardChanges(gctx, err)
					_ = ed.Close(gctx)
					return gmsError(err)
				}
			}
		}
		if err := ed.StatementComplete(gctx); err != nil {
			return gmsError(err)
		}
		return ed.Close(gctx)
	})
	return ins, upd, del, err
}

// truthy reports whether a condition's value is TRUE.
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int8:
		return x != 0
	case int64:
		return x != 0
	}
	return false
}
