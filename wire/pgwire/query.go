package pgwire

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/frostgate/frostgate/sqlengine"
)

// simpleQuery answers a Query message: each statement of the text in
// turn, each with its RowDescription, rows and CommandComplete, stopping
// at the first error; then ReadyForQuery.
func (c *conn) simpleQuery(text string) {
	// As in PostgreSQL, a simple query destroys the unnamed statement and portal.
	delete(c.stmts, "")
	delete(c.portals, "")
	stmts := splitStatements(text)
	if len(stmts) == 0 {
		c.send(&pgproto3.EmptyQueryResponse{})
	}
	for _, sql := range stmts {
		if err := c.simpleStatement(sql); err != nil {
			c.sendError(err)
			break
		}
	}
	c.readyForQuery()
}

// splitStatements splits a query string at its top-level semicolons with
// the engine's own splitter. A trailing "\n;" ends a last statement
// without one, past any line comment; an unterminated string or comment
// stays one statement, for the engine to report.
func splitStatements(text string) []string {
	stmts, rest := sqlengine.SplitStatements(text + "\n;")
	if strings.TrimSpace(rest) != "" {
		stmts = append(stmts, rest)
	}
	return stmts
}

func (c *conn) simpleStatement(sql string) error {
	rs, tag, err := c.run(sql, classify(sql))
	if err != nil {
		return err
	}
	if cols := rs.Columns(); len(cols) > 0 {
		c.send(rowDescription(cols, nil))
	}
	_, n, err := c.sendRows(rs, nil, nil, 0)
	if err != nil {
		return err
	}
	c.send(&pgproto3.CommandComplete{CommandTag: []byte(completionTag(tag, rs, n))})
	return nil
}

// resultSet is what a statement returns: a sqlengine.Result, or the rows
// of an answered chatter statement.
type resultSet interface {
	Columns() []sqlengine.Column
	Next(dest []any) error
}

// run carries out one statement: chatter here, anything else on the
// session. tag is chatter's command tag, "" for the engine's.
func (c *conn) run(sql string, ch *chatter) (resultSet, string, error) {
	if ch != nil {
		rows, err := ch.run(c)
		if err != nil {
			return nil, "", err
		}
		return newChatRows(ch.columns, rows), ch.tag, nil
	}
	res, err := c.execute(sql)
	if err != nil {
		return nil, "", err
	}
	return res, "", nil
}

// sendRows sends up to max rows (0: all) as DataRow messages, each value
// encoded for the column the client was told about (target; nil means the
// result's own columns) in its result format. more reports that max was
// reached, so the portal may have rows left.
func (c *conn) sendRows(rs resultSet, target []sqlengine.Column, formats []int16, max int64) (more bool, n int64, err error) {
	cols := rs.Columns()
	if target == nil {
		target = cols
	}
	if len(target) != len(cols) {
		return false, 0, errResultChanged
	}
	oids := make([]uint32, len(target))
	for i, col := range target {
		oids[i] = oidOf(col)
	}
	dest := make([]any, len(cols))
	for max <= 0 || n < max {
		if err := rs.Next(dest); errors.Is(err, io.EOF) {
			return false, n, nil
		} else if err != nil {
			return false, n, err
		}
		row := make([][]byte, len(cols))
		for i, v := range dest {
			if row[i], err = c.encodeValue(v, oids[i], formatOf(formats, i)); err != nil {
				return false, n, err
			}
		}
		c.send(&pgproto3.DataRow{Values: row})
		if n++; n%256 == 0 && !c.flush() {
			return false, n, errStopped
		}
	}
	return true, n, nil
}

// completionTag is a statement's CommandComplete tag: chatter's own, the
// PostgreSQL form for a data change without rows, else "SELECT n" (every
// Snowflake statement returns rows, DDL and DCL a status row).
func completionTag(chat string, rs resultSet, n int64) string {
	if chat != "" {
		return chat
	}
	if res, ok := rs.(*sqlengine.Result); ok && res.Kind() == sqlengine.KindDML && len(res.Columns()) == 0 {
		return "UPDATE " + strconv.FormatInt(res.RowsAffected(), 10)
	}
	return "SELECT " + strconv.FormatInt(n, 10)
}

// chatRows is a chatter result: text columns and rows.
type chatRows struct {
	cols []sqlengine.Column
	rows [][]string
	next int
}

func newChatRows(names []string, rows [][]string) *chatRows {
	cols := make([]sqlengine.Column, len(names))
	for i, n := range names {
		cols[i] = sqlengine.Column{Name: n, Type: "TEXT", Nullable: true}
	}
	return &chatRows{cols: cols, rows: rows}
}

func (r *chatRows) Columns() []sqlengine.Column { return r.cols }

func (r *chatRows) Next(dest []any) error {
	if r.next >= len(r.rows) {
		return io.EOF
	}
	for i, v := range r.rows[r.next] {
		dest[i] = v
	}
	r.next++
	return nil
}
