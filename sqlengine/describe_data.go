package sqlengine

import (
	"context"
)

// describeData returns the columns a data statement would return without
// running it: the statement is rewritten (which resolves and authorizes
// what it names, as Execute would); a query is then planned by
// go-mysql-server, and DML answers with its count columns. Nothing is read
// or written, so a PostgreSQL client that describes an INSERT before
// executing it inserts once.
func (s *Session) describeData(ctx context.Context, n *DataStatement) ([]Column, error) {
	if n.Verb == "TRUNCATE" {
		return statusCols, nil
	}
	return withLateralAliases(func(lateral map[string]bool) ([]Column, error) {
		return s.describeDataOnce(ctx, n, lateral)
	})
}

func (s *Session) describeDataOnce(ctx context.Context, n *DataStatement, lateral map[string]bool) ([]Column, error) {
	acc := newAccessSet()
	rw, err := rewriteLateral(n.Text, s.resolverFor(acc), lateral, tokensOf(s.parsed, n.Text))
	if err != nil {
		return nil, err
	}
	switch rw.kind {
	case dataInsert:
		return dmlResult(0, "number of rows inserted").Columns(), nil
	case dataUpdate:
		return dmlResult(0, "number of rows updated", "number of multi-joined rows updated").Columns(), nil
	case dataDelete:
		return dmlResult(0, "number of rows deleted").Columns(), nil
	case dataMerge:
		return mergeResult(rw.merge, 0, 0, 0).Columns(), nil
	}
	defs, err := s.eng.data.columnsOf(ctx, s.dataSession(), rw.sql, acc)
	if err != nil {
		return nil, err
	}
	cols := make([]Column, len(defs))
	for i, d := range defs {
		cols[i] = d.typ.column(d.name)
	}
	return cols, nil
}
