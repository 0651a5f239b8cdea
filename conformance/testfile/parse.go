package testfile

import (
	"fmt"
	"os"
	"strings"
	"unicode"
)

// Error is a problem in a file, at a line.
type Error struct {
	Pos Pos
	Msg string
}

// Error returns "file:line: problem".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ParseFile reads and parses the file at path; records name the file by path.
func ParseFile(path string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// Parse parses src, naming it name in positions. It returns the whole file,
// or nil and an *Error for the first problem.
func Parse(name string, src []byte) (*File, error) {
	p := &parser{name: name, lines: splitLines(string(src))}
	recs, err := p.parse()
	if err != nil {
		return nil, err
	}
	return &File{Name: name, Records: recs}, nil
}

// splitLines splits text into lines, dropping the empty string after a final
// newline and any trailing carriage returns.
func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, "\r")
	}
	return lines
}

type parser struct {
	name  string
	lines []string
	i     int // index of the next unread line
}

func (p *parser) errorf(line int, format string, args ...any) *Error {
	return &Error{Pos: Pos{File: p.name, Line: line}, Msg: fmt.Sprintf(format, args...)}
}

func isBlank(line string) bool { return strings.TrimSpace(line) == "" }

func (p *parser) parse() ([]Record, error) {
	var recs []Record
	var conds []Condition
	condLine := 0
	for p.i < len(p.lines) {
		line, n := p.lines[p.i], p.i+1
		if isBlank(line) || strings.HasPrefix(line, "#") {
			if conds != nil {
				return nil, p.errorf(n, "%s at line %d must be followed directly by a record", conds[len(conds)-1], condLine)
			}
			p.i++
			continue
		}
		if c, ok, err := parseCondition(line); ok || err != "" {
			if err != "" {
				return nil, p.errorf(n, "%s", err)
			}
			conds = append(conds, c)
			condLine = n
			p.i++
			continue
		}
		rec, err := p.record(conds)
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
		conds = nil
	}
	if conds != nil {
		return nil, p.errorf(condLine, "%s is not followed by a record", conds[len(conds)-1])
	}
	return recs, nil
}

// parseCondition recognises a skipif/onlyif line. ok is false and problem
// empty for any other line.
func parseCondition(line string) (c Condition, ok bool, problem string) {
	f := strings.Fields(line)
	if len(f) == 0 || (f[0] != "skipif" && f[0] != "onlyif") {
		return Condition{}, false, ""
	}
	if len(f) != 2 {
		return Condition{}, false, fmt.Sprintf("%s needs exactly one target name", f[0])
	}
	return Condition{Only: f[0] == "onlyif", Target: f[1]}, true, ""
}

// record parses the record whose first line is p.lines[p.i] and leaves p.i
// after its last line.
func (p *parser) record(conds []Condition) (Record, error) {
	line, n := p.lines[p.i], p.i+1
	pos := Pos{File: p.name, Line: n}
	head, problem := parseHead(line)
	if problem != "" {
		return nil, p.errorf(n, "%s", problem)
	}
	p.i++
	switch h := head.(type) {
	case *Session:
		h.Pos, h.Conds = pos, conds
		return h, nil
	case *Statement:
		h.Pos, h.Conds = pos, conds
		sql, err := p.body(n, false)
		if err != nil {
			return nil, err
		}
		h.SQL = strings.Join(sql, "\n")
		return h, nil
	case *Query:
		h.Pos, h.Conds = pos, conds
		sql, err := p.body(n, true)
		if err != nil {
			return nil, err
		}
		h.SQL = strings.Join(sql, "\n")
		for p.i < len(p.lines) && !isBlank(p.lines[p.i]) {
			h.Rows = append(h.Rows, strings.Split(p.lines[p.i], "\t"))
			p.i++
		}
		return h, nil
	}
	panic("unreachable")
}

// body reads SQL lines up to a blank line or the end of the file, or, for a
// query, up to and including the "----" line.
func (p *parser) body(head int, query bool) ([]string, error) {
	var sql []string
	for p.i < len(p.lines) && !isBlank(p.lines[p.i]) {
		line, n := p.lines[p.i], p.i+1
		p.i++
		if isSeparator(line) {
			if !query {
				return nil, p.errorf(n, "a statement has no \"----\" results; use query")
			}
			if sql == nil {
				return nil, p.errorf(head, "query needs SQL before \"----\"")
			}
			return sql, nil
		}
		if looksLikeRecord(line) {
			return nil, p.errorf(n, "%q starts a new record: separate records with a blank line", strings.TrimSpace(line))
		}
		sql = append(sql, line)
	}
	switch {
	case sql == nil:
		return nil, p.errorf(head, "missing SQL on the line after %q", strings.TrimSpace(p.lines[head-1]))
	case query:
		return nil, p.errorf(head, "query has no \"----\" line after its SQL")
	}
	return sql, nil
}

func isSeparator(line string) bool { return strings.TrimRightFunc(line, unicode.IsSpace) == "----" }

// looksLikeRecord reports whether a SQL line is a complete, valid record
// line, which means a blank line is missing. A bare "query" is let through,
// since a column may be named query.
func looksLikeRecord(line string) bool {
	if _, ok, _ := parseCondition(line); ok {
		return true
	}
	if strings.TrimSpace(line) == "query" {
		return false
	}
	_, problem := parseHead(line)
	return problem == ""
}

// nextField skips leading white space and returns the next white-space
// separated word and what follows it.
func nextField(s string) (field, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

// isCode reports whether s is a six-digit error number.
func isCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseHead parses a record's first line into a record without position,
// conditions or body, or returns a problem.
func parseHead(line string) (Record, string) {
	word, rest := nextField(line)
	switch word {
	case "statement":
		kind, rest := nextField(rest)
		switch kind {
		case "ok":
			if extra, _ := nextField(rest); extra != "" {
				return nil, fmt.Sprintf("unexpected %q after statement ok", extra)
			}
			return &Statement{}, ""
		case "error":
			st := &Statement{Error: true}
			if code, after := nextField(rest); isCode(code) {
				st.Code, rest = code, after
			}
			st.Text = strings.TrimSpace(rest)
			return st, ""
		case "":
			return nil, "statement needs ok or error"
		default:
			return nil, fmt.Sprintf("unknown statement kind %q (want ok or error)", kind)
		}
	case "query":
		return parseQuery(rest)
	case "session":
		return parseSession(rest)
	}
	return nil, fmt.Sprintf("unknown record %q (want statement, query or session)", word)
}

func parseQuery(rest string) (Record, string) {
	q := &Query{}
	for _, opt := range strings.Fields(rest) {
		switch {
		case opt == "rowsort":
			if q.RowSort {
				return nil, "rowsort given twice"
			}
			q.RowSort = true
		case strings.HasPrefix(opt, "columns="):
			if q.Columns != nil {
				return nil, "columns= given twice"
			}
			q.Columns = strings.Split(strings.TrimPrefix(opt, "columns="), ",")
			for _, c := range q.Columns {
				if c == "" {
					return nil, fmt.Sprintf("empty column name in %q", opt)
				}
			}
		default:
			return nil, fmt.Sprintf("unknown query option %q (want rowsort or columns=NAME,...)", opt)
		}
	}
	return q, ""
}

var sessionKeys = map[string]bool{"user": true, "password": true, "role": true, "secondary": true}

func parseSession(rest string) (Record, string) {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return nil, "session needs a name"
	}
	s := &Session{Name: f[0]}
	if strings.Contains(s.Name, "=") {
		return nil, fmt.Sprintf("session needs a name before %q", s.Name)
	}
	f = f[1:]
	for len(f) > 0 && f[0] != "error" {
		key, value, ok := strings.Cut(f[0], "=")
		if !ok {
			return nil, fmt.Sprintf("unexpected %q in session (want user=, password=, role=, secondary= or error)", f[0])
		}
		if !sessionKeys[key] {
			return nil, fmt.Sprintf("unknown session option %q (want user, password, role or secondary)", key)
		}
		if _, dup := s.Option(key); dup {
			return nil, fmt.Sprintf("session option %s= given twice", key)
		}
		if key == "secondary" {
			value = strings.ToUpper(value)
			if value != "ALL" && value != "NONE" {
				return nil, fmt.Sprintf("secondary=%s: want ALL or NONE", value)
			}
		}
		s.Opts = append(s.Opts, Option{Key: key, Value: value})
		f = f[1:]
	}
	if len(f) == 0 {
		return s, ""
	}
	s.Error = true
	f = f[1:]
	if len(f) > 0 {
		if !isCode(f[0]) {
			return nil, fmt.Sprintf("session error code %q: want six digits", f[0])
		}
		s.Code = f[0]
		f = f[1:]
	}
	if len(f) > 0 {
		return nil, fmt.Sprintf("unexpected %q after session error", f[0])
	}
	if _, ok := s.Option("user"); !ok {
		return nil, "a session that must fail to log in needs user="
	}
	if _, ok := s.Option("secondary"); ok {
		return nil, "secondary= does not apply to a login that must fail"
	}
	return s, ""
}
