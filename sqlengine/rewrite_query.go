package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// Queries: WITH, set operations, SELECT and its clauses, FROM.

// selItem is one converted select-list item.
type selItem struct {
	name string // the result column's name, as Snowflake names it
	sql  string // the converted expression (without its alias)
	star bool   // * or t.*
	win  bool   // contains a window function
	col  string // the column it is, when it is a bare column reference
}

// query reads [WITH ...] term {set-op term} [ORDER BY ...] [LIMIT ...].
func (r *rewriter) query() string {
	r.enter()
	defer r.leave()
	outer := r.sel // a subquery's names are its own, not the enclosing select list's
	r.sel = nil
	defer func() { r.sel = outer }()
	prefix := ""
	if r.tok() == WITH {
		prefix = r.with()
		defer func() { r.scopes = r.scopes[:len(r.scopes)-1] }()
	}
	top := r.top
	r.top = ""
	body, items, setop := r.setExpr()
	order := ""
	if r.tok() == ORDER && r.peek(1).tok == BY {
		r.next()
		r.next()
		order = " ORDER BY " + r.orderItems(items, setop)
		if setop {
			// Order the result of the set operation by its column names.
			body = "SELECT * FROM (" + body + ") AS `__FG_U`"
		}
	}
	limit := r.limit()
	if limit == "" && r.top != "" {
		limit = " LIMIT " + r.top
	}
	r.top = top
	return prefix + body + order + limit
}

// with reads WITH [RECURSIVE] name [(cols)] AS (query), ... and leaves the
// names in a new scope, which query pops.
func (r *rewriter) with() string {
	r.next()
	recursive := r.gotWord("RECURSIVE")
	scope := map[string]*cteInfo{}
	r.scopes = append(r.scopes, scope)
	var parts []string
	for {
		name := r.ident()
		cols := ""
		if r.tok() == LPAREN {
			names := r.identList()
			quoted := make([]string, len(names))
			for i, n := range names {
				quoted[i] = qi(n)
			}
			cols = " (" + strings.Join(quoted, ", ") + ")"
		}
		r.expect(AS)
		r.expect(LPAREN)
		info := &cteInfo{defining: true}
		scope[name] = info
		body := r.query()
		r.expect(RPAREN)
		info.defining = false
		recursive = recursive || info.recursive
		parts = append(parts, qi(name)+cols+" AS ("+body+")")
		if !r.got(COMMA) {
			break
		}
	}
	s := "WITH "
	if recursive {
		s += "RECURSIVE "
	}
	return s + strings.Join(parts, ", ") + " "
}

// cte reports whether a one-part name is a common table expression in scope.
func (r *rewriter) cte(name ObjectName) bool {
	if len(name) != 1 {
		return false
	}
	for i := len(r.scopes) - 1; i >= 0; i-- {
		if info, ok := r.scopes[i][name[0]]; ok {
			if info.defining {
				info.recursive = true
			}
			return true
		}
	}
	return false
}

// setExpr reads term {UNION [ALL] | INTERSECT | EXCEPT | MINUS term}; it
// returns the first term's items, which name the result.
func (r *rewriter) setExpr() (string, []selItem, bool) {
	body, items := r.selectTerm()
	setop := false
	for {
		var op string
		switch {
		case r.tok() == UNION:
			r.next()
			op = "UNION"
			if r.got(ALL) {
				op = "UNION ALL"
			} else {
				r.got(DISTINCT)
			}
			if r.isWord("BY") {
				r.unsupported("UNION BY NAME")
			}
		case r.tok() == INTERSECT:
			r.next()
			op = "INTERSECT"
		case r.tok() == EXCEPT || r.tok() == MINUS_KW:
			r.next()
			op = "EXCEPT"
		default:
			return body, items, setop
		}
		term, _ := r.selectTerm()
		body += " " + op + " " + term
		setop = true
	}
}

// selectTerm reads SELECT ... or a parenthesised query.
func (r *rewriter) selectTerm() (string, []selItem) {
	if r.tok() == LPAREN {
		r.next()
		q := r.query()
		r.expect(RPAREN)
		return "(" + q + ")", nil
	}
	r.expect(SELECT)
	var b strings.Builder
	b.WriteString("SELECT ")
	distinct := false
	if r.got(DISTINCT) {
		distinct = true
	} else {
		r.got(ALL)
	}
	if r.isWord("TOP") && r.peek(1).tok == NUMBER {
		r.next()
		r.top = r.cur().lit
		r.next()
	}
	items := r.selectList()
	rest := ""
	if r.got(FROM) {
		rest += " FROM " + r.fromList()
	}
	if r.got(WHERE) {
		outer := r.sel // WHERE may name a select-list alias too (lateral.go)
		r.sel = &items
		rest += " WHERE " + r.expr().sql
		r.sel = outer
	}
	if r.tok() == GROUP && r.peek(1).tok == BY {
		r.next()
		r.next()
		if r.tok() == ALL || r.isWord("ROLLUP") || r.isWord("CUBE") || r.isWord("GROUPING") {
			r.unsupported("GROUP BY " + strings.ToUpper(r.cur().lit))
		}
		rest += " GROUP BY " + strings.Join(r.exprList(), ", ")
	}
	if r.got(HAVING) {
		rest += " HAVING " + r.expr().sql
	}
	qualify := ""
	if r.got(QUALIFY) {
		qualify = r.substituteAliases(r.expr(), items)
	}
	list := make([]string, len(items))
	for i, it := range items {
		if it.star || it.col != "" && it.col == it.name {
			// A column keeps its own name without an alias, which spares
			// go-mysql-server an expression per row.
			list[i] = it.sql
		} else {
			list[i] = it.sql + " AS " + qi(it.name)
		}
	}
	if qualify == "" {
		if distinct {
			b.WriteString("DISTINCT ")
		}
		b.WriteString(strings.Join(list, ", "))
		b.WriteString(rest)
		return b.String(), items
	}
	// QUALIFY filters on window functions after they are computed: select
	// the items and the condition in a derived table, then keep the rows
	// where it holds. DISTINCT applies after QUALIFY.
	outer := make([]string, len(items))
	for i, it := range items {
		if it.star {
			r.unsupported("QUALIFY with * in the select list")
		}
		outer[i] = qi(it.name)
	}
	b.Reset()
	b.WriteString("SELECT ")
	if distinct {
		b.WriteString("DISTINCT ")
	}
	b.WriteString(strings.Join(outer, ", "))
	b.WriteString(" FROM (SELECT " + strings.Join(list, ", ") + ", (" + qualify + ") AS `__FG_Q`" + rest +
		") AS `__FG_QT` WHERE `__FG_Q`")
	return b.String(), items
}

// selectList reads the select list. Every item except * gets an alias:
// Snowflake's name for it (its alias, the bare column's name, or its text
// upper-cased), so results carry Snowflake's column names.
func (r *rewriter) selectList() []selItem {
	var items []selItem
	outer := r.sel
	r.sel = &items
	defer func() { r.sel = outer }()
	for {
		switch {
		case r.tok() == STAR:
			r.next()
			r.rejectStarOptions()
			items = append(items, selItem{sql: "*", star: true})
		case isNameStart(r.cur()) && r.peek(1).tok == PERIOD && r.starAfterName():
			var parts []string
			for r.tok() != STAR {
				parts = append(parts, r.ident())
				r.expect(PERIOD)
			}
			r.next()
			r.rejectStarOptions()
			r.qualifier(parts[len(parts)-1])
			items = append(items, selItem{sql: qi(parts[len(parts)-1]) + ".*", star: true})
		default:
			from := r.i
			e := r.expr()
			it := selItem{sql: e.sql, win: e.win, col: e.column}
			switch {
			case r.got(AS):
				it.name = r.ident()
			case isNameStart(r.cur()) && !selectStops[strings.ToUpper(r.cur().lit)]:
				it.name = r.ident()
			case e.column != "":
				it.name = e.column
			default:
				it.name = r.itemText(from, r.i)
			}
			items = append(items, it)
		}
		if !r.got(COMMA) {
			return items
		}
	}
}

// starAfterName reports whether the tokens from here spell name.name*.*.
func (r *rewriter) starAfterName() bool {
	for j := r.i; j+1 < len(r.toks); j += 2 {
		if !isNameStart(r.toks[j]) || r.toks[j+1].tok != PERIOD {
			return false
		}
		if r.toks[j+2].tok == STAR {
			return true
		}
	}
	return false
}

func (r *rewriter) rejectStarOptions() {
	for _, w := range []string{"EXCLUDE", "ILIKE", "RENAME", "REPLACE"} {
		if r.isWord(w) {
			r.unsupported("SELECT * " + w)
		}
	}
}

// selectStops are words that end a select item instead of naming it.
var selectStops = map[string]bool{
	"FROM": true, "WHERE": true, "GROUP": true, "HAVING": true, "ORDER": true, "LIMIT": true,
	"UNION": true, "EXCEPT": true, "MINUS": true, "INTERSECT": true, "QUALIFY": true, "INTO": true,
	"OFFSET": true, "FETCH": true, "WINDOW": true,
}

// itemText is Snowflake's name for an unaliased expression: its text
// upper-cased outside strings and quoted identifiers, white space collapsed.
func (r *rewriter) itemText(from, to int) string { return normTokens(r.toks[from:to]) }

// substituteAliases returns e's SQL with a bare reference to a select-list
// alias replaced by the item's expression: QUALIFY may name aliases, which
// go-mysql-server cannot see in the same select.
func (r *rewriter) substituteAliases(e xpr, items []selItem) string {
	if e.bare {
		for _, it := range items {
			if !it.star && it.name == e.column && it.col != e.column {
				return "(" + it.sql + ")"
			}
		}
	}
	return e.sql
}

// orderItems reads ORDER BY items. Snowflake sorts NULL after every value
// ascending and before every value descending (NULLS LAST / NULLS FIRST
// by default), MySQL the other way round: each item gets a leading
// "key IS NULL" sort key, where key is the item or, for an alias or a
// position, the select item's expression.
func (r *rewriter) orderItems(items []selItem, setop bool) string {
	var keys []string
	for {
		e := r.expr()
		desc := false
		switch {
		case r.got(DESC):
			desc = true
		case r.gotWord("ASC"):
		}
		nullsLast := !desc
		if r.isWord("NULLS") {
			r.next()
			switch {
			case r.gotWord("FIRST"):
				nullsLast = false
			case r.gotWord("LAST"):
				nullsLast = true
			default:
				r.unexpected()
			}
		}
		dir := ""
		if desc {
			dir = " DESC"
		}
		if key := r.nullKey(e, items, setop); key != "" {
			if nullsLast {
				keys = append(keys, key+" IS NULL")
			} else {
				keys = append(keys, key+" IS NULL DESC")
			}
		}
		keys = append(keys, e.sql+dir)
		if !r.got(COMMA) {
			return strings.Join(keys, ", ")
		}
	}
}

// nullKey returns the expression whose NULLness orders an ORDER BY item,
// or "" when none can be written (a window function, a position of *).
func (r *rewriter) nullKey(e xpr, items []selItem, setop bool) string {
	if e.position > 0 {
		if e.position > len(items) || items[e.position-1].star || items[e.position-1].win {
			return ""
		}
		it := items[e.position-1]
		if setop {
			return qi(it.name)
		}
		return "(" + it.sql + ")"
	}
	if e.win {
		return ""
	}
	if setop {
		return e.sql
	}
	if e.bare {
		for _, it := range items {
			if !it.star && it.name == e.column && it.win {
				return "" // an alias of a window function
			}
		}
	}
	return r.substituteAliases(e, items)
}

// limit reads LIMIT n [OFFSET m], OFFSET m ROWS FETCH ... or FETCH FIRST n ROWS ONLY.
func (r *rewriter) limit() string {
	switch {
	case r.got(LIMIT):
		n := r.rowCount(true)
		if r.got(OFFSET) {
			return " LIMIT " + n + " OFFSET " + r.rowCount(false)
		}
		return " LIMIT " + n
	case r.got(OFFSET):
		m := r.rowCount(false)
		r.gotWord("ROW")
		r.gotWord("ROWS")
		if r.got(FETCH) {
			return " LIMIT " + r.fetchCount() + " OFFSET " + m
		}
		return " LIMIT " + noLimit + " OFFSET " + m
	case r.got(FETCH):
		return " LIMIT " + r.fetchCount()
	}
	return ""
}

// noLimit is MySQL's "all rows" count.
const noLimit = "18446744073709551615"

// rowCount reads the count of LIMIT, OFFSET or FETCH: a non-negative
// integer constant, or for a limit NULL or an empty string meaning no limit
// (https://docs.snowflake.com/en/sql-reference/constructs/limit).
// go-mysql-server takes only a literal there, so an expression is refused
// here rather than passed on.
func (r *rewriter) rowCount(limit bool) string {
	r.got(PLUS)
	t := r.cur()
	switch {
	case t.tok == NUMBER:
		if _, ok := parseUint(t.lit); ok {
			r.next()
			return t.lit
		}
	case limit && t.tok == NULL, limit && t.tok == STRING && unquoteString(t.lit) == "":
		r.next()
		return noLimit
	}
	r.fail(sferr.SyntaxErrorMessage("Invalid row count '" + t.lit + "' in limit clause"))
	return ""
}

func (r *rewriter) fetchCount() string {
	if !r.gotWord("FIRST") {
		r.expectWord("NEXT")
	}
	n := r.rowCount(false)
	if !r.gotWord("ROWS") {
		r.expectWord("ROW")
	}
	r.expectWord("ONLY")
	return n
}

// fromList reads table references separated by commas.
func (r *rewriter) fromList() string {
	parts := []string{r.tableRef()}
	for r.got(COMMA) {
		parts = append(parts, r.tableRef())
	}
	return strings.Join(parts, ", ")
}

// tableRef reads a table factor and the joins that follow it.
func (r *rewriter) tableRef() string {
	r.enter()
	defer r.leave()
	s := r.tableFactor()
	for {
		join := r.joinKeyword()
		if join == "" {
			return s
		}
		s += " " + join + " " + r.tableFactor()
		switch {
		case r.got(ON):
			s += " ON " + r.expr().sql
		case r.isWord("USING"):
			r.next()
			names := r.identList()
			for i, n := range names {
				names[i] = qi(n)
			}
			s += " USING (" + strings.Join(names, ", ") + ")"
		case strings.Contains(join, "OUTER") && !strings.HasPrefix(join, "NATURAL"):
			r.unexpected() // an outer join needs its condition
		}
	}
}

// joinKeyword reads a join operator, or returns "".
func (r *rewriter) joinKeyword() string {
	natural := ""
	if r.isWord("NATURAL") {
		r.next()
		natural = "NATURAL "
	}
	kind := ""
	switch {
	case r.gotWord("INNER"):
		kind = "INNER "
	case r.gotWord("LEFT"):
		r.gotWord("OUTER")
		kind = "LEFT OUTER "
	case r.gotWord("RIGHT"):
		r.gotWord("OUTER")
		kind = "RIGHT OUTER "
	case r.gotWord("FULL"):
		r.gotWord("OUTER")
		kind = "FULL OUTER "
	case r.gotWord("CROSS"):
		kind = "CROSS "
	case r.isWord("ASOF"):
		r.unsupported("ASOF JOIN")
	}
	if !r.gotWord("JOIN") {
		if natural != "" || kind != "" {
			r.unexpected()
		}
		return ""
	}
	if r.isWord("LATERAL") {
		r.unsupported("LATERAL")
	}
	return natural + kind + "JOIN"
}

// fromStops are words that end a table reference instead of aliasing it.
var fromStops = map[string]bool{
	"WHERE": true, "GROUP": true, "HAVING": true, "ORDER": true, "LIMIT": true, "OFFSET": true,
	"FETCH": true, "QUALIFY": true, "UNION": true, "EXCEPT": true, "MINUS": true, "INTERSECT": true,
	"JOIN": true, "INNER": true, "LEFT": true, "RIGHT": true, "FULL": true, "CROSS": true,
	"NATURAL": true, "ON": true, "USING": true, "WINDOW": true, "SET": true, "WHEN": true,
	"LATERAL": true, "PIVOT": true, "UNPIVOT": true, "SAMPLE": true, "TABLESAMPLE": true, "AT": true,
	"BEFORE": true, "CHANGES": true, "MATCH_RECOGNIZE": true, "CONNECT": true, "START": true, "ASOF": true,
}

// alias reads an optional [AS] alias after a table factor.
func (r *rewriter) alias() string {
	if r.got(AS) {
		return r.ident()
	}
	if isNameStart(r.cur()) && !fromStops[strings.ToUpper(r.cur().lit)] {
		return r.ident()
	}
	return ""
}

// columnAliases reads an optional (col, ...) after a table alias.
func (r *rewriter) columnAliases() string {
	if r.tok() != LPAREN {
		return ""
	}
	names := r.identList()
	for i, n := range names {
		names[i] = qi(n)
	}
	return " (" + strings.Join(names, ", ") + ")"
}

// tableFactor reads one table, view, CTE, derived table, VALUES list or
// parenthesised join.
func (r *rewriter) tableFactor() string {
	switch {
	case r.tok() == LPAREN && r.atQuery():
		r.next()
		q := r.query()
		r.expect(RPAREN)
		r.subs++
		alias := r.alias()
		if alias == "" {
			r.derived++
			alias = "__FG_D" + itoa(r.derived)
		}
		return "(" + q + ") AS " + qi(alias) + r.columnAliases()
	case r.tok() == LPAREN && isWordText(r.peek(1), "VALUES"):
		r.next()
		rows, width := r.valuesRows()
		r.expect(RPAREN)
		return r.valuesTable(rows, width)
	case r.tok() == LPAREN:
		r.next()
		s := r.tableRef()
		r.expect(RPAREN)
		return "(" + s + ")"
	case r.isWord("VALUES"):
		rows, width := r.valuesRows()
		return r.valuesTable(rows, width)
	case r.tok() == TABLE && r.peek(1).tok == LPAREN, r.isWord("LATERAL"):
		r.unsupported("table functions")
	}
	t := r.tableName()
	if name := t.name; t.bind == nil && r.cte(name) {
		s := qi(name[0])
		a := r.alias()
		if a == "" {
			a = name[0]
		}
		if cols := r.columnAliases(); cols != "" {
			return "(SELECT * FROM " + s + ") AS " + qi(a) + cols
		}
		return s + " AS " + qi(a)
	}
	rel := r.resolve(t, account.OpSelect, false)
	r.rejectTableClauses()
	alias := r.alias()
	r.rejectTableClauses()
	written := alias != ""
	if alias == "" {
		alias = rel.alias
	}
	cols := r.columnAliases()
	if !written && cols == "" && rel.table != nil {
		// The table's own name qualifies its columns; whether any column
		// uses it is known at the end of the statement (resolveAliases).
		return rel.sql + r.aliasMarker(alias)
	}
	if cols != "" && rel.table != nil {
		// Column aliases on a table: MySQL takes them on derived tables only.
		return "(SELECT * FROM " + rel.sql + ") AS " + qi(alias) + cols
	}
	if cols == "" && rel.columns != nil {
		quoted := make([]string, len(rel.columns))
		for i, c := range rel.columns {
			quoted[i] = qi(c)
		}
		cols = " (" + strings.Join(quoted, ", ") + ")"
	}
	return rel.sql + " AS " + qi(alias) + cols
}

// rejectTableClauses stops with 000002 at a clause Frostgate does not run
// after a table: time travel, sampling, PIVOT, MATCH_RECOGNIZE.
func (r *rewriter) rejectTableClauses() {
	switch {
	case (r.isWord("AT") || r.isWord("BEFORE") || r.isWord("CHANGES")) && r.peek(1).tok == LPAREN:
		r.unsupported("time travel (" + strings.ToUpper(r.cur().lit) + ")")
	case r.isWord("SAMPLE") || r.isWord("TABLESAMPLE") || r.isWord("PIVOT") || r.isWord("UNPIVOT") ||
		r.isWord("MATCH_RECOGNIZE"):
		r.unsupported(strings.ToUpper(r.cur().lit))
	}
}

// valuesRows reads VALUES (...), (...) in FROM and returns each row as a
// SELECT of its values, and the row width.
func (r *rewriter) valuesRows() ([]string, int) {
	r.next()
	var rows []string
	width := -1
	for {
		row := r.valuesRow(false)
		if width >= 0 && len(row) != width {
			r.fail(sferr.InsertValueCount(width, len(row)))
		}
		width = len(row)
		rows = append(rows, "SELECT "+strings.Join(row, ", "))
		if !r.got(COMMA) {
			return rows, width
		}
	}
}

// valuesTable completes a VALUES table with its [[AS] alias [(cols)]];
// Snowflake names its columns COLUMN1, COLUMN2, ... The rows are a UNION
// ALL of SELECTs (go-mysql-server's VALUES table panics on a NULL among
// decimals).
func (r *rewriter) valuesTable(rows []string, width int) string {
	alias := r.alias()
	if alias == "" {
		r.derived++
		alias = "__FG_D" + itoa(r.derived)
	}
	cols := r.columnAliases()
	if cols == "" {
		names := make([]string, width)
		for i := range names {
			names[i] = qi("COLUMN" + itoa(i+1))
		}
		cols = " (" + strings.Join(names, ", ") + ")"
	}
	return "(" + strings.Join(rows, " UNION ALL ") + ") AS " + qi(alias) + cols
}
