package sqlengine

import (
	"context"
)

// describeData returns the columns a data statement would return without
// running it: a query is rewritten (which resolves and authorizes what it
// names, as Execute would) and planned by go-mysql-server; DML answers
// with its fixed count columns. Nothing is read or written, so a
// PostgreSQL client that describes an INSERT before executing it inserts
// once.
func (s *Session) describeData(ctx context.Context, n *DataStatement) ([]Column, error) {
	switch n.Verb {
	case "INSERT":
		return dmlResult(0, "number of rows inserted").Columns(), nil
	case "UPDATE":
		return dmlResult(0, "number of rows updated", "number of multi-joined rows updated").Columns(), nil
	case "DELETE":
		return dmlResult(0, "number of rows deleted").Columns(), nil
	case "TRUNCATE":
		return statusCols, nil
	case "SELECT", "WITH":
	default:
		// MERGE's columns depend on its clauses; describe it by running
		// nothing and answering the statement's own error or the insert
		// count, the common case.
		return dmlResult(0, "number of rows inserted").Columns(), nil
	}
	acc := newAccessSet()
	rw, err := rewriteStatement(n.Text, s.resolverFor(acc), tokensOf(s.parsed, n.Text)...)
	if err != nil {
		return nil, err
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
