package main

// The interactive shell that "frostgate serve" runs until the wire-protocol
// issue lands; then serve listens instead and this file goes away.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/sqlengine"
)

// execFunc runs one statement, as conformance.Session.Exec does.
type execFunc func(ctx context.Context, sql string) (*conformance.Result, error)

// shell reads statements ending with ';' from in, runs each with exec, and
// writes results as aligned tables and errors as err.Error() (for Snowflake
// errors "000000 (XXXXX): message") to out.
type shell struct {
	exec   execFunc
	in     io.Reader
	out    io.Writer
	prompt bool // write prompts (for a terminal)
}

const (
	prompt     = "frostgate> "
	contPrompt = "       ..> "
)

// run reads until end of input or a quit command (\q, quit, exit) and runs
// what remains unterminated at end of input as a last statement.
func (s *shell) run(ctx context.Context) error {
	sc := bufio.NewScanner(s.in)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	var sp splitter
	for {
		if s.prompt {
			p := prompt
			if sp.pending() {
				p = contPrompt
			}
			fmt.Fprint(s.out, p)
		}
		if !sc.Scan() {
			break
		}
		line := sc.Text()
		if !sp.pending() && isQuit(line) {
			return nil
		}
		for _, stmt := range sp.feed(line) {
			s.runOne(ctx, stmt)
		}
	}
	if s.prompt {
		fmt.Fprintln(s.out)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if stmt := sp.rest(); stmt != "" {
		s.runOne(ctx, stmt)
	}
	return nil
}

func isQuit(line string) bool {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case `\q`, "quit", "exit", "quit;", "exit;":
		return true
	}
	return false
}

func (s *shell) runOne(ctx context.Context, stmt string) {
	res, err := s.exec(ctx, stmt)
	if err != nil {
		fmt.Fprintln(s.out, err.Error())
		return
	}
	writeTable(s.out, res.Columns, res.Rows)
}

// splitter accumulates lines until they hold complete statements; the
// splitting itself is sqlengine's, so the shell and ParseScript agree.
type splitter struct{ buf string }

// pending reports whether part of a statement has been read.
func (sp *splitter) pending() bool { return strings.TrimSpace(sp.buf) != "" }

// feed adds one line and returns the statements it completes.
func (sp *splitter) feed(line string) []string {
	stmts, rest := sqlengine.SplitStatements(sp.buf + line + "\n")
	sp.buf = rest
	return stmts
}

// rest returns the unterminated statement, trimmed, and forgets it.
func (sp *splitter) rest() string {
	s := strings.TrimSpace(sp.buf)
	sp.buf = ""
	return s
}

// writeTable writes rows as a SnowSQL-style table with a header, numbers
// aligned right, then "N Row(s) produced.".
func writeTable(w io.Writer, cols []string, rows [][]any) {
	width := make([]int, len(cols))
	for i, c := range cols {
		width[i] = utf8.RuneCountInString(c)
	}
	cells := make([][]string, len(rows))
	right := make([]bool, len(cols))
	for r, row := range rows {
		cells[r] = make([]string, len(cols))
		for i := range cols {
			var v any
			if i < len(row) {
				v = row[i]
			}
			cells[r][i] = cellText(v)
			right[i] = right[i] || isNumber(v)
			width[i] = max(width[i], utf8.RuneCountInString(cells[r][i]))
		}
	}
	var b strings.Builder
	rule := func(edge, mid byte) {
		b.WriteByte(edge)
		for i, n := range width {
			if i > 0 {
				b.WriteByte(mid)
			}
			b.WriteString(strings.Repeat("-", n+2))
		}
		b.WriteByte(edge)
		b.WriteByte('\n')
	}
	line := func(vals []string, right []bool) {
		b.WriteByte('|')
		for i, v := range vals {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(v))
			if right != nil && right[i] {
				b.WriteString(" " + pad + v + " |")
			} else {
				b.WriteString(" " + v + pad + " |")
			}
		}
		b.WriteByte('\n')
	}
	if len(cols) > 0 {
		rule('+', '+')
		line(cols, nil)
		rule('|', '+')
		for _, r := range cells {
			line(r, right)
		}
		rule('+', '+')
	}
	fmt.Fprintf(&b, "%d Row(s) produced.\n", len(rows))
	io.WriteString(w, b.String())
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return true
	}
	return false
}

var cellEscaper = strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`)

func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return cellEscaper.Replace(v)
	case []byte:
		return cellEscaper.Replace(string(v))
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	case time.Time:
		return v.Format("2006-01-02 15:04:05.000 -0700")
	}
	return cellEscaper.Replace(fmt.Sprint(v))
}
