package sqlengine

import (
	"io"
)

// Column describes one result column the way Snowflake types it.
type Column struct {
	Name      string // as Snowflake names it: lower case for SHOW output, upper case for SELECT items
	Type      string // Snowflake type name: TEXT, FIXED, BOOLEAN, TIMESTAMP_LTZ, ...
	Nullable  bool
	Precision int // for FIXED
	Scale     int // for FIXED: digits after the point; for TIME and TIMESTAMP_*: fractional-second digits
}

// Kind says what sort of statement produced a Result.
type Kind int

const (
	KindQuery Kind = iota // SELECT, SHOW, DESCRIBE: rows to read
	KindDDL               // CREATE, ALTER, DROP, UNDROP: one status row
	KindDCL               // GRANT, REVOKE: one status row
	KindUse               // USE ...: one status row
	KindDML               // INSERT, UPDATE, DELETE (data-plane issue)
)

// Result is an iterator over the rows of one statement, in the spirit of
// database/sql/driver.Rows. Values handed to Next are nil (SQL NULL), string,
// int64, float64, bool or time.Time.
type Result struct {
	columns      []Column
	rows         [][]any
	next         int
	kind         Kind
	command      string
	rowsAffected int64
}

// Columns returns the result's columns; never nil for a successful statement.
func (r *Result) Columns() []Column { return r.columns }

// Kind returns the kind of statement that produced the result.
func (r *Result) Kind() Kind { return r.kind }

// Command returns the command the statement ran, upper case: "SELECT",
// "SHOW", "DESCRIBE", "USE", "ALTER SESSION", "SET", "CREATE", "ALTER",
// "DROP", "UNDROP", "GRANT", "REVOKE", or a data statement's first keyword
// ("INSERT", "UPDATE", "DELETE", "MERGE", ...).
func (r *Result) Command() string { return r.command }

// RowsAffected returns the rows changed by a DML statement, else 0.
func (r *Result) RowsAffected() int64 { return r.rowsAffected }

// Next copies the next row into dest, which must have len(Columns()) elements,
// and returns io.EOF after the last row.
func (r *Result) Next(dest []any) error {
	if r.next >= len(r.rows) {
		return io.EOF
	}
	copy(dest, r.rows[r.next])
	r.next++
	return nil
}

// Close releases the result. Reading after Close returns io.EOF.
func (r *Result) Close() error {
	r.next = len(r.rows)
	return nil
}
