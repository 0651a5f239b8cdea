package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// The rewriter turns one Snowflake data statement into the MySQL dialect
// go-mysql-server runs. It walks the statement's tokens (from the same
// scanner as the parser) with a small recursive-descent grammar of queries,
// DML and expressions, and:
//   - resolves every table or view name through a resolver, which applies
//     Snowflake's identifier rules and the session's current database and
//     schema, checks the privilege the reference needs, and hands back the
//     physical table (or, for a view, its expanded body);
//   - quotes every other identifier with backticks in its normalized form,
//     so that go-mysql-server's case-insensitive lookup cannot confuse
//     "lower" with LOWER for anything Frostgate resolves itself;
//   - translates expressions (:: casts, ||, IFF, NVL, ILIKE, VARIANT paths,
//     Snowflake's NULL ordering) and names every select item as Snowflake
//     names it.
// It never produces text that names something it did not resolve.

// resolver is what the rewriter asks about names. The executor implements
// it for a session (or for a view's owner, while expanding a view).
type resolver interface {
	// relation resolves a table or view written in a statement and checks
	// that op on it is allowed; dml says it is the target of INSERT,
	// UPDATE or DELETE.
	relation(name ObjectName, op account.Op, dml bool) (relation, error)
	// binding resolves reference('name') written where a table or view
	// goes, as relation does a name.
	binding(b *Binding, op account.Op, dml bool) (relation, error)
	// constant returns the SQL literal for a context function such as
	// CURRENT_ROLE(), or false when name is not one.
	constant(name string) (string, bool)
	// sessionFunc registers a call of the session function name (one
	// that acts on the account, evaluated per row) with the statement
	// and returns its slot, or false when name is not one.
	sessionFunc(name string) (slot int, ok bool)
	// variable returns the SQL literal for the session variable $name.
	variable(name string) (string, error)
	// variableValue returns the value of the session variable $name, for
	// IDENTIFIER($name).
	variableValue(name string) (any, error)
}

// relation is a resolved table or view.
type relation struct {
	sql     string           // what stands for it in FROM: a physical table, or a view's body in parentheses
	columns []string         // a view's column names (for the derived table's column list)
	id      account.ObjectID // the account object
	table   *tableDef        // a table's definition; nil for views and system views
	name    string           // fully qualified, for messages
	alias   string           // its own name, which qualifies its columns when no alias is written
}

// dataKind says what a rewritten statement does.
type dataKind int

const (
	dataQuery dataKind = iota
	dataInsert
	dataUpdate
	dataDelete
	dataMerge
)

// rewritten is a data statement in go-mysql-server's dialect.
type rewritten struct {
	kind dataKind
	sql  string // the statement; for a materialized UPDATE or DELETE, the query that selects its rows
	// DML only:
	target      relation
	materialize bool     // UPDATE ... FROM, DELETE ... USING, or a subquery in the condition: see data_dml.go
	setCols     []string // UPDATE: the columns assigned; the materializing query returns the target's row, then their new values
	columns     []string // INSERT: the column list (nil: every column)
	merge       *mergePlan
}

// rwBailout carries the first error up to the rewriter's entry points.
type rwBailout struct{ err error }

// rewriter holds the state of one statement's rewrite (see the top of this file).
type rewriter struct {
	src     string
	toks    []token
	i       int
	nest    int
	res     resolver
	scopes  []map[string]*cteInfo // WITH scopes, innermost last
	subs    int                   // subqueries converted so far
	derived int                   // names generated for unaliased derived tables
	top     string                // a pending SELECT TOP n, applied as LIMIT
	quals   map[string]bool       // names that qualify a column somewhere in the statement
	marks   []string              // the alias behind each alias marker
	lateral map[string]bool       // select-list aliases later items name (lateral.go)
	sel     *[]selItem            // the select list being read, for lateral
}

// cteInfo tracks one common table expression while its body is read.
type cteInfo struct {
	defining  bool // its body is being read: a reference makes it recursive
	recursive bool
}

func newRewriter(src string, res resolver) *rewriter {
	return &rewriter{src: src, toks: newParser(src).toks, res: res}
}

// tokensOf returns the tokens of text when p scanned it as one statement
// (text is the source of its tokens from the first on, as DataStatement
// keeps it), so that the rewriter need not scan it again; nil otherwise.
func tokensOf(p *parser, text string) []token {
	if p == nil || len(p.toks) < 2 {
		return nil
	}
	first := p.toks[0]
	end := len(p.toks) - 1 // EOF
	last := end - 1
	if p.toks[last].tok == SEMICOLON {
		last--
	}
	if last < 0 || p.src[first.pos:p.toks[last].end()] != text {
		return nil
	}
	toks := make([]token, 0, last+2)
	for _, t := range p.toks[:last+1] {
		t.pos -= first.pos
		toks = append(toks, t)
	}
	return append(toks, token{pos: Pos(len(text)), tok: EOF})
}

// run calls f, turning a bailout into an error.
func (r *rewriter) run(f func()) (err error) {
	defer func() {
		if e := recover(); e != nil {
			b, ok := e.(rwBailout)
			if !ok {
				panic(e)
			}
			err = b.err
		}
	}()
	f()
	r.got(SEMICOLON)
	if r.tok() != EOF {
		r.unexpected()
	}
	return nil
}

// rewriteStatement rewrites one SELECT, WITH, INSERT, UPDATE or DELETE;
// toks, when not nil, are src's tokens.
func rewriteStatement(src string, res resolver, toks ...token) (*rewritten, error) {
	return rewriteLateral(src, res, nil, toks)
}

// rewriteLateral is rewriteStatement that resolves the names in lateral,
// where a select item names them, to the earlier items they alias.
func rewriteLateral(src string, res resolver, lateral map[string]bool, toks []token) (*rewritten, error) {
	var r *rewriter
	if toks != nil {
		r = &rewriter{src: src, toks: toks, res: res}
	} else {
		r = newRewriter(src, res)
	}
	r.lateral = lateral
	var out *rewritten
	err := r.run(func() { out = r.statement() })
	if err != nil {
		return nil, err
	}
	out.sql = r.resolveAliases(out.sql)
	if m := out.merge; m != nil {
		m.matched = r.resolveAliases(m.matched)
		for i := range m.inserts {
			m.inserts[i] = r.resolveAliases(m.inserts[i])
		}
	}
	return out, nil
}

// rewriteQuery rewrites a query (a view's body, CREATE TABLE ... AS).
func rewriteQuery(src string, res resolver) (string, error) {
	return rewriteQueryLateral(src, res, nil)
}

// rewriteQueryLateral is rewriteQuery resolving the lateral aliases named
// in lateral (lateral.go).
func rewriteQueryLateral(src string, res resolver, lateral map[string]bool) (string, error) {
	r := newRewriter(src, res)
	r.lateral = lateral
	var out string
	err := r.run(func() {
		if !r.atQuery() {
			r.unexpected()
		}
		out = r.topQuery()
	})
	return r.resolveAliases(out), err
}

// topQuery reads a query that stands alone (a statement, the body of a
// view, the source of INSERT): go-mysql-server's parser does not take one
// that starts with '(', so such a query is selected from as a derived table.
func (r *rewriter) topQuery() string {
	q := r.query()
	switch {
	case !strings.HasPrefix(q, "("):
		return q
	case oneGroup(q):
		return "SELECT * FROM " + q + " AS `__FG_P`"
	}
	return "SELECT * FROM (" + q + ") AS `__FG_P`"
}

// oneGroup reports whether rewritten SQL q is a single parenthesised group:
// its first '(' closes at its last character.
func oneGroup(q string) bool {
	depth := 0
	for i := 0; i < len(q); i++ {
		switch c := q[i]; c {
		case '\'', '`':
			for i++; i < len(q) && q[i] != c; i++ {
				if c == '\'' && q[i] == '\\' {
					i++
				}
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i == len(q)-1
			}
		}
	}
	return false
}

// Token access.

func (r *rewriter) cur() token { return r.toks[r.i] }
func (r *rewriter) tok() Token { return r.toks[r.i].tok }

func (r *rewriter) peek(n int) token {
	if r.i+n < len(r.toks) {
		return r.toks[r.i+n]
	}
	return r.toks[len(r.toks)-1]
}

func (r *rewriter) next() {
	if r.i < len(r.toks)-1 {
		r.i++
	}
}

func (r *rewriter) got(t Token) bool {
	if r.tok() == t {
		r.next()
		return true
	}
	return false
}

func (r *rewriter) expect(t Token) {
	if !r.got(t) {
		r.unexpected()
	}
}

// isWord reports whether the current token is the unquoted word w.
func (r *rewriter) isWord(w string) bool { return isWordText(r.cur(), w) }

func (r *rewriter) gotWord(w string) bool {
	if r.isWord(w) {
		r.next()
		return true
	}
	return false
}

func (r *rewriter) expectWord(w string) {
	if !r.gotWord(w) {
		r.unexpected()
	}
}

// atQuery reports whether a query starts here.
func (r *rewriter) atQuery() bool {
	switch r.tok() {
	case SELECT, WITH:
		return true
	case LPAREN:
		for j := r.i; j < len(r.toks) && r.toks[j].tok == LPAREN; j++ {
			if t := r.toks[j+1].tok; t == SELECT || t == WITH {
				return true
			}
		}
	}
	return false
}

// unexpected stops with Snowflake's syntax error at the current token.
func (r *rewriter) unexpected() {
	t := r.cur()
	pos, text := t.pos, t.lit
	switch {
	case t.tok == EOF:
		text = "<EOF>"
	case t.tok == ILLEGAL && strings.HasPrefix(t.msg, "unterminated"):
		pos, text = Pos(len(r.src)), "<EOF>"
	}
	line, col := lineCol(r.src, pos)
	r.fail(sferr.SyntaxError(line, col, text))
}

func (r *rewriter) fail(err error) { panic(rwBailout{err}) }

// unsupported stops with 000002 for a form Frostgate does not run.
func (r *rewriter) unsupported(what string) { r.fail(sferr.Unsupported(what)) }

func (r *rewriter) enter() {
	r.nest++
	if r.nest > maxNestLev {
		r.unexpected()
	}
}

func (r *rewriter) leave() { r.nest-- }

// ident reads one identifier and returns it normalized.
func (r *rewriter) ident() string {
	t := r.cur()
	if !isNameStart(t) {
		r.unexpected()
	}
	r.next()
	return account.NormalizeIdent(t.lit)
}

// identList reads ( ident, ... ) and returns the names quoted for go-mysql-server.
func (r *rewriter) identList() []string {
	r.expect(LPAREN)
	var names []string
	for {
		names = append(names, r.ident())
		if !r.got(COMMA) {
			break
		}
	}
	r.expect(RPAREN)
	return names
}

// objectName reads a table name: 1 to 3 dotted parts or IDENTIFIER('...').
func (r *rewriter) objectName() ObjectName {
	if r.tok() == IDENTIFIER && r.peek(1).tok == LPAREN {
		r.next()
		r.next()
		t := r.cur()
		var text string
		switch t.tok {
		case STRING:
			text = unquoteString(t.lit)
		case VARIABLE:
			v, err := r.res.variableValue(strings.ToUpper(t.lit[1:]))
			if err != nil {
				r.fail(err)
			}
			str, ok := v.(string)
			if !ok {
				r.fail(sferr.InvalidIdentifier(valueText(v)))
			}
			text = str
		default:
			r.unexpected()
		}
		r.next()
		r.expect(RPAREN)
		name, err := parseNameText(text, 3)
		if err != nil {
			r.fail(sferr.InvalidIdentifier(text))
		}
		return name
	}
	name := ObjectName{r.ident()}
	for r.tok() == PERIOD {
		if len(name) == 3 {
			r.unexpected()
		}
		r.next()
		name = append(name, r.ident())
	}
	return name
}

// parseNameText parses a dotted name given as text (IDENTIFIER('d.s.t')).
func parseNameText(text string, maxParts int) (name ObjectName, err error) {
	p := newParser(text)
	defer func() {
		if e := recover(); e != nil {
			b, ok := e.(bailout)
			if !ok {
				panic(e)
			}
			name, err = nil, b.err
		}
	}()
	name = p.parseName(maxParts)
	if p.tok != EOF {
		p.errorUnexpected()
	}
	return name, nil
}

// qi quotes a stored identifier for go-mysql-server. NUL, which no
// identifier holds, is dropped: it marks places resolveAliases fills.
func qi(name string) string {
	if strings.IndexByte(name, 0) >= 0 {
		name = strings.ReplaceAll(name, "\x00", "")
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// qualifier records that name qualifies a column (t.col, t.*).
func (r *rewriter) qualifier(name string) {
	if r.quals == nil {
		r.quals = map[string]bool{}
	}
	r.quals[name] = true
}

// aliasMarker stands for " AS alias" after a table read under its own
// name. An alias costs go-mysql-server a node and ~100 allocations per
// query, so it is written only when some column is qualified by that name.
func (r *rewriter) aliasMarker(alias string) string {
	r.marks = append(r.marks, alias)
	return "\x00" + itoa(len(r.marks)-1) + "\x00"
}

// resolveAliases replaces the alias markers in sql, once the whole
// statement is read.
func (r *rewriter) resolveAliases(sql string) string {
	if len(r.marks) == 0 {
		return sql
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(sql, 0)
		if i < 0 {
			b.WriteString(sql)
			return b.String()
		}
		j := strings.IndexByte(sql[i+1:], 0) + i + 1
		b.WriteString(sql[:i])
		n, _ := parseUint(sql[i+1 : j])
		if alias := r.marks[n]; r.quals[alias] {
			b.WriteString(" AS " + qi(alias))
		}
		sql = sql[j+1:]
	}
}

// sqlString renders s as a MySQL string literal.
func sqlString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'':
			b.WriteString(`\'`)
		case '\\':
			b.WriteString(`\\`)
		case 0:
			b.WriteString(`\0`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// statement dispatches on the first word.
func (r *rewriter) statement() *rewritten {
	switch {
	case r.atQuery():
		return &rewritten{kind: dataQuery, sql: r.topQuery()}
	case r.tok() == INSERT:
		return r.insert()
	case r.tok() == UPDATE:
		return r.update()
	case r.tok() == DELETE:
		return r.delete()
	case r.tok() == MERGE:
		return r.merge()
	}
	r.unsupported(strings.ToUpper(r.cur().lit))
	return nil
}

// tableName is a table or view as a statement writes it: a name, or
// reference('name') (binding.go).
type tableName struct {
	name ObjectName
	bind *Binding
}

// tableName reads a table name or reference('name').
func (r *rewriter) tableName() tableName {
	if atBinding(r.toks, r.i) {
		return tableName{bind: r.binding()}
	}
	return tableName{name: r.objectName()}
}

// resolve resolves a table name for op; dml says it is the target of DML.
func (r *rewriter) resolve(t tableName, op account.Op, dml bool) relation {
	var rel relation
	var err error
	if t.bind != nil {
		rel, err = r.res.binding(t.bind, op, dml)
	} else {
		rel, err = r.res.relation(t.name, op, dml)
	}
	if err != nil {
		r.fail(err)
	}
	return rel
}

// dmlTarget reads the target of INSERT, UPDATE or DELETE and resolves it.
func (r *rewriter) dmlTarget(op account.Op) relation {
	return r.resolve(r.tableName(), op, true)
}

// targetAlias reads an optional [AS] alias after an UPDATE or DELETE target;
// without one, the table's own name qualifies its columns.
func (r *rewriter) targetAlias(name string, stop ...string) string {
	if r.got(AS) {
		return r.ident()
	}
	if isNameStart(r.cur()) {
		for _, w := range stop {
			if r.isWord(w) {
				return name
			}
		}
		return r.ident()
	}
	return name
}

// insert: INSERT INTO t [(cols)] {VALUES (...), ... | query}.
func (r *rewriter) insert() *rewritten {
	r.next()
	if r.isWord("OVERWRITE") || r.isWord("ALL") || r.isWord("FIRST") {
		r.unsupported("INSERT " + strings.ToUpper(r.cur().lit))
	}
	r.expectWord("INTO")
	rel := r.dmlTarget(account.OpInsert)
	out := &rewritten{kind: dataInsert, target: rel}
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(rel.sql)
	want := len(rel.table.columns)
	if r.tok() == LPAREN && !r.atQuery() {
		out.columns = r.identList()
		want = len(out.columns)
		b.WriteString(" (")
		for i, c := range out.columns {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(qi(c))
		}
		b.WriteString(")")
	}
	if r.gotWord("VALUES") {
		b.WriteString(" VALUES ")
		for n := 0; ; n++ {
			if n > 0 {
				b.WriteString(", ")
			}
			row := r.valuesRow(true)
			if len(row) != want {
				r.fail(sferr.InsertValueCount(want, len(row)))
			}
			b.WriteString("(" + strings.Join(row, ", ") + ")")
			if !r.got(COMMA) {
				break
			}
		}
	} else {
		if !r.atQuery() {
			r.unexpected()
		}
		b.WriteString(" ")
		b.WriteString(r.topQuery())
	}
	out.sql = b.String()
	return out
}

// valuesRow reads ( expr | DEFAULT, ... ).
func (r *rewriter) valuesRow(allowDefault bool) []string {
	r.expect(LPAREN)
	var vals []string
	for {
		if allowDefault && r.isWord("DEFAULT") && (r.peek(1).tok == COMMA || r.peek(1).tok == RPAREN) {
			r.next()
			vals = append(vals, "DEFAULT")
		} else {
			vals = append(vals, r.expr().sql)
		}
		if !r.got(COMMA) {
			break
		}
	}
	r.expect(RPAREN)
	return vals
}

// update: UPDATE t [[AS] a] SET col = expr, ... [FROM ...] [WHERE ...].
func (r *rewriter) update() *rewritten {
	r.next()
	rel := r.dmlTarget(account.OpUpdate)
	alias := r.targetAlias(rel.alias, "SET")
	r.expect(SET)
	out := &rewritten{kind: dataUpdate, target: rel}
	subs := r.subs
	var sets, vals []string
	for {
		col := r.ident()
		for r.got(PERIOD) { // a.col: the column is the last part
			col = r.ident()
		}
		r.expect(EQ)
		v := r.expr().sql
		out.setCols = append(out.setCols, col)
		sets = append(sets, qi(alias)+"."+qi(col)+" = "+v)
		vals = append(vals, v)
		if !r.got(COMMA) {
			break
		}
	}
	from := ""
	if r.got(FROM) {
		from = r.fromList()
	}
	where := ""
	if r.got(WHERE) {
		where = " WHERE " + r.expr().sql
	}
	out.materialize = from != "" || r.subs != subs
	if out.materialize {
		src := rel.sql + " AS " + qi(alias)
		if from != "" {
			src += ", " + from
		}
		out.sql = "SELECT " + qi(alias) + ".*, " + strings.Join(vals, ", ") + " FROM " + src + where
		return out
	}
	out.sql = "UPDATE " + rel.sql + " AS " + qi(alias) + " SET " + strings.Join(sets, ", ") + where
	return out
}

// delete: DELETE FROM t [[AS] a] [USING ...] [WHERE ...].
func (r *rewriter) delete() *rewritten {
	r.next()
	r.expect(FROM)
	rel := r.dmlTarget(account.OpDelete)
	alias := r.targetAlias(rel.alias, "USING", "WHERE")
	out := &rewritten{kind: dataDelete, target: rel}
	subs := r.subs
	using := ""
	if r.gotWord("USING") {
		using = r.fromList()
	}
	where := ""
	if r.got(WHERE) {
		where = " WHERE " + r.expr().sql
	}
	out.materialize = using != "" || r.subs != subs
	if out.materialize {
		src := rel.sql + " AS " + qi(alias)
		if using != "" {
			src += ", " + using
		}
		out.sql = "SELECT " + qi(alias) + ".* FROM " + src + where
		return out
	}
	// The target is the alias qualified by its database: go-mysql-server
	// looks an unqualified one up in the session's current database. It is
	// lower case: go-mysql-server v0.20.0 matches a DELETE target against
	// its lower-cased aliases (so only tables named T worked before).
	out.sql = "DELETE " + qi(rel.table.phys) + "." + qi(strings.ToLower(alias)) + " FROM " + rel.sql + " AS " + qi(alias) + where
	return out
}
