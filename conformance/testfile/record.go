package testfile

import (
	"fmt"
	"strings"
)

// Pos is where a record or a problem is: a file name and a 1-based line.
type Pos struct {
	File string
	Line int // 0 means the whole file
}

// String returns "file:line", or just "file" when Line is 0.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Condition is one skipif or onlyif line in front of a record.
type Condition struct {
	Only   bool   // true for onlyif, false for skipif
	Target string // the target name as written
}

// String returns the line as written in a file.
func (c Condition) String() string {
	if c.Only {
		return "onlyif " + c.Target
	}
	return "skipif " + c.Target
}

// Applies reports whether a record with conditions conds runs on the target
// named target: no skipif names it, and some onlyif does when any is given.
// Names compare case-insensitively.
func Applies(conds []Condition, target string) bool {
	only, matched := false, false
	for _, c := range conds {
		eq := strings.EqualFold(c.Target, target)
		if !c.Only && eq {
			return false
		}
		if c.Only {
			only = true
			matched = matched || eq
		}
	}
	return !only || matched
}

// Record is one record of a file: *Session, *Statement or *Query.
// Only this package's types implement it.
type Record interface {
	// Position returns the file and line of the record's first line (after
	// any skipif/onlyif lines).
	Position() Pos
	// Conditions returns the record's skipif/onlyif lines, in file order.
	Conditions() []Condition
	// String returns the record as it would be written in a file,
	// conditions included, without a trailing newline.
	String() string
	record()
}

// Option is one key=value of a session line.
type Option struct {
	Key   string // user, password, role or secondary
	Value string // may be empty; secondary's is ALL or NONE
}

// Session is a session record: it switches to session Name, opening it with
// the options on first use, or, when Error is set, expects a login with the
// options to fail.
type Session struct {
	Pos   Pos
	Conds []Condition
	Name  string
	Opts  []Option // in file order, each key at most once
	Error bool     // the login must fail
	Code  string   // six-digit error number the failed login must carry; may be empty
}

// Option returns the value of the option key and whether it was given.
func (s *Session) Option(key string) (string, bool) {
	for _, o := range s.Opts {
		if o.Key == key {
			return o.Value, true
		}
	}
	return "", false
}

// Statement is a statement ok or statement error record.
type Statement struct {
	Pos   Pos
	Conds []Condition
	SQL   string // lines joined with "\n"
	Error bool   // statement error
	Code  string // six-digit error number; may be empty
	Text  string // text the error message must contain; may be empty
}

// Query is a query record.
type Query struct {
	Pos     Pos
	Conds   []Condition
	SQL     string     // lines joined with "\n"
	RowSort bool       // compare rows as sorted sets
	Columns []string   // columns= names in order; nil keeps every column
	Rows    [][]string // expected rows, each split on TAB; nil for none
}

func (r *Session) Position() Pos   { return r.Pos }
func (r *Statement) Position() Pos { return r.Pos }
func (r *Query) Position() Pos     { return r.Pos }

func (r *Session) Conditions() []Condition   { return r.Conds }
func (r *Statement) Conditions() []Condition { return r.Conds }
func (r *Query) Conditions() []Condition     { return r.Conds }

func (*Session) record()   {}
func (*Statement) record() {}
func (*Query) record()     {}

func writeConds(b *strings.Builder, conds []Condition) {
	for _, c := range conds {
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
}

// String implements Record.
func (r *Session) String() string {
	var b strings.Builder
	writeConds(&b, r.Conds)
	b.WriteString("session ")
	b.WriteString(r.Name)
	for _, o := range r.Opts {
		fmt.Fprintf(&b, " %s=%s", o.Key, o.Value)
	}
	if r.Error {
		b.WriteString(" error")
		if r.Code != "" {
			b.WriteString(" " + r.Code)
		}
	}
	return b.String()
}

// String implements Record.
func (r *Statement) String() string {
	var b strings.Builder
	writeConds(&b, r.Conds)
	if r.Error {
		b.WriteString("statement error")
		if r.Code != "" {
			b.WriteString(" " + r.Code)
		}
		if r.Text != "" {
			b.WriteString(" " + r.Text)
		}
	} else {
		b.WriteString("statement ok")
	}
	b.WriteString("\n" + r.SQL)
	return b.String()
}

// String implements Record.
func (r *Query) String() string {
	var b strings.Builder
	writeConds(&b, r.Conds)
	b.WriteString("query")
	if r.RowSort {
		b.WriteString(" rowsort")
	}
	if r.Columns != nil {
		b.WriteString(" columns=" + strings.Join(r.Columns, ","))
	}
	b.WriteString("\n" + r.SQL + "\n----")
	for _, row := range r.Rows {
		b.WriteString("\n" + strings.Join(row, "\t"))
	}
	return b.String()
}

// File is a parsed conformance file.
type File struct {
	Name    string // as given to Parse
	Records []Record
}

// String returns the file in canonical form: records separated by one blank
// line, comments dropped, ending with a newline (empty for no records).
func (f *File) String() string {
	parts := make([]string, len(f.Records))
	for i, r := range f.Records {
		parts[i] = r.String()
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "\n\n") + "\n"
}
