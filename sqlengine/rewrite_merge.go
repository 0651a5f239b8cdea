package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
)

// MERGE INTO target [[AS] t] USING source [[AS] s] ON cond
//   WHEN MATCHED [AND c] THEN UPDATE SET col = expr, ... | DELETE
//   WHEN NOT MATCHED [AND c] THEN INSERT [(cols)] VALUES (expr, ...)
// https://docs.snowflake.com/en/sql-reference/sql/merge
//
// go-mysql-server has no MERGE. The rewriter turns it into a query that
// pairs each matched target row with the values of every WHEN MATCHED
// clause, and one INSERT ... SELECT per WHEN NOT MATCHED clause over the
// source rows no target row matches; data_dml.go runs them.

// mergeClause is one WHEN MATCHED clause in the matching query: its
// condition's column, then (for UPDATE) its values' columns.
type mergeClause struct {
	delete  bool
	cond    int      // index of the condition in the matching query's row
	setCols []string // UPDATE: the columns set, their values following cond
}

// mergePlan is a rewritten MERGE.
type mergePlan struct {
	matched string        // the matching query; "" without WHEN MATCHED clauses
	clauses []mergeClause // WHEN MATCHED clauses, in order
	inserts []string      // one INSERT ... SELECT per WHEN NOT MATCHED clause, in order
	insert  bool          // the statement has WHEN NOT MATCHED ... INSERT
	update  bool          // ... WHEN MATCHED ... UPDATE
	delete  bool          // ... WHEN MATCHED ... DELETE
}

// mergeOps scans the clauses ahead to learn which privileges the target
// needs: UPDATE, DELETE and INSERT, in that order, for the clauses present.
func (r *rewriter) mergeOps() []account.Op {
	var upd, del, ins bool
	for j := r.i; j+1 < len(r.toks); j++ {
		if r.toks[j].tok != THEN {
			continue
		}
		switch next := r.toks[j+1]; {
		case next.tok == UPDATE:
			upd = true
		case next.tok == DELETE:
			del = true
		case next.tok == INSERT:
			ins = true
		}
	}
	var ops []account.Op
	if upd {
		ops = append(ops, account.OpUpdate)
	}
	if del {
		ops = append(ops, account.OpDelete)
	}
	if ins {
		ops = append(ops, account.OpInsert)
	}
	return ops
}

func (r *rewriter) merge() *rewritten {
	r.next()
	r.expectWord("INTO")
	ops := r.mergeOps()
	if len(ops) == 0 {
		r.unexpected()
	}
	name := r.tableName()
	var rel relation
	for _, op := range ops {
		rel = r.resolve(name, op, true)
	}
	alias := r.targetAlias(rel.alias, "USING")
	r.expectWord("USING")
	source := r.tableFactor()
	r.expect(ON)
	on := r.expr().sql
	target := rel.sql + " AS " + qi(alias)
	plan := &mergePlan{}
	cols := rel.table.columns
	var matchedCols []string
	var notMatched []string // conditions of earlier WHEN NOT MATCHED clauses
	for r.got(WHEN) {
		not := r.got(NOT)
		r.expectWord("MATCHED")
		cond := "TRUE"
		if r.got(AND) {
			cond = r.expr().sql
		}
		r.expect(THEN)
		if !not {
			c := mergeClause{cond: len(cols) + len(matchedCols)}
			matchedCols = append(matchedCols, "IFNULL("+cond+", FALSE)")
			switch {
			case r.got(DELETE):
				c.delete, plan.delete = true, true
			case r.got(UPDATE):
				plan.update = true
				r.expect(SET)
				for {
					col := r.ident()
					for r.got(PERIOD) {
						col = r.ident()
					}
					r.expect(EQ)
					matchedCols = append(matchedCols, r.expr().sql)
					c.setCols = append(c.setCols, col)
					if !r.got(COMMA) {
						break
					}
				}
			default:
				r.unexpected()
			}
			plan.clauses = append(plan.clauses, c)
			continue
		}
		r.expect(INSERT)
		plan.insert = true
		var names []string
		if r.tok() == LPAREN {
			names = r.identList()
		} else {
			for _, c := range cols {
				names = append(names, c.name)
			}
		}
		r.expectWord("VALUES")
		vals := r.valuesRow(true)
		if len(vals) != len(names) {
			r.unsupported("MERGE INSERT with a value list of another length")
		}
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = qi(n)
		}
		where := "NOT EXISTS (SELECT 1 FROM " + target + " WHERE " + on + ") AND IFNULL(" + cond + ", FALSE)"
		for _, earlier := range notMatched {
			where += " AND NOT IFNULL(" + earlier + ", FALSE)"
		}
		notMatched = append(notMatched, cond)
		plan.inserts = append(plan.inserts, "INSERT INTO "+rel.sql+" ("+strings.Join(quoted, ", ")+") SELECT "+
			strings.Join(vals, ", ")+" FROM "+source+" WHERE "+where)
	}
	if plan.clauses == nil && plan.inserts == nil {
		r.unexpected()
	}
	if plan.clauses != nil {
		plan.matched = "SELECT " + qi(alias) + ".*, " + strings.Join(matchedCols, ", ") + " FROM " + target +
			" JOIN " + source + " ON " + on
	}
	return &rewritten{kind: dataMerge, target: rel, merge: plan}
}
