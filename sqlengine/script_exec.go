package sqlengine

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// Running a Snowflake Scripting body (script.go reads it): a procedure's
// call or an anonymous block. Expressions run as SELECT <expr> and
// statements as themselves, in the session the body acts for, with the
// variables written in as literals (substitute): there is no second
// evaluator.

// procRun is one run of a body.
type procRun struct {
	s      *Session
	owner  bool // owner's rights: session state may not change
	ctx    context.Context
	vars   map[string]any
	steps  int
	ret    any     // RETURN's value once a statement gives flowReturn
	label  string  // the label BREAK or CONTINUE names, while it travels to its loop
	caught *raised // the exception the running handler handles, for a bare RAISE
}

// maxSteps bounds the statements, and loop rounds, one run takes.
const maxSteps = 100000

// flow says how a statement ends.
type flow uint8

const (
	flowNext     flow = iota // go on with the next statement
	flowReturn               // RETURN: r.ret holds the value
	flowBreak                // BREAK: leave the loop r.label names ("" the innermost)
	flowContinue             // CONTINUE: next round of the loop r.label names
)

// Values a variable holds besides SQL scalars.
type (
	// scriptRow is a cursor FOR loop's row: its values by column name.
	scriptRow map[string]any
	// scriptCursor is a declared cursor; rows is nil until OPEN.
	scriptCursor struct {
		query string // the query, with ? binds, or the RESULTSET variable's name
		rows  *Result
		pos   int // the next row FETCH reads
	}
	// scriptException is a declared exception.
	scriptException struct {
		code int
		msg  string
	}
)

// raised is an exception travelling up the blocks of a body: the error as
// the statement reported it, of which type and where, so that a handler
// sees the error itself (SQLERRM) and an uncaught one is reported with its
// place.
type raised struct {
	err       *sferr.Error
	typ       string // STATEMENT_ERROR, EXPRESSION_ERROR or a declared exception's name
	line, col int
}

func (x *raised) Error() string { return x.uncaught().Error() }

// uncaught is the error a client sees when no handler catches x; an
// exception from a nested call already says where it happened.
func (x *raised) uncaught() *sferr.Error {
	if strings.HasPrefix(x.err.Message, "Uncaught exception") {
		return x.err
	}
	return sferr.UncaughtException(x.typ, x.err, x.line, x.col)
}

// call runs a body and gives RETURN's value (nil without one, a *Result
// for RETURN TABLE).
func (r *procRun) call(sc *script) (any, error) {
	for _, n := range statusVars {
		r.vars[n] = nil
	}
	_, err := r.block(sc)
	var x *raised
	if errors.As(err, &x) {
		return nil, x.uncaught()
	}
	if err != nil {
		return nil, err
	}
	return r.ret, nil
}

// scope saves the variables names and returns the function that restores
// them: a block's declarations and a FOR loop's variable hide outer ones
// of the same name only while they run.
func (r *procRun) scope(names ...string) func() {
	type saved struct {
		v  any
		ok bool
	}
	old := make([]saved, len(names))
	for i, n := range names {
		old[i].v, old[i].ok = r.vars[n]
	}
	return func() {
		for i := len(names) - 1; i >= 0; i-- {
			if old[i].ok {
				r.vars[names[i]] = old[i].v
			} else {
				delete(r.vars, names[i])
			}
		}
	}
}

// block runs [DECLARE] BEGIN ... [EXCEPTION] END.
func (r *procRun) block(sc *script) (flow, error) {
	names := make([]string, 0, len(sc.decls)+len(sc.lets))
	for i := range sc.decls {
		names = append(names, sc.decls[i].name)
	}
	defer r.scope(append(names, sc.lets...)...)()
	for i := range sc.decls {
		if err := r.assign(&sc.decls[i]); err != nil {
			return flowNext, err
		}
	}
	for i := range sc.body {
		f, err := r.stmt(&sc.body[i])
		if err == nil {
			if f != flowNext {
				return f, nil
			}
			continue
		}
		var x *raised
		h := sc.handler(err, &x)
		if h == nil {
			return f, err
		}
		if f, err = r.handle(h, x); err != nil || f != flowNext || !h.cont {
			return f, err
		}
	}
	return flowNext, nil
}

// handler finds the block's handler for err, an exception of the body
// it stores in x; nil when none catches it.
func (sc *script) handler(err error, x **raised) *handler {
	if !errors.As(err, x) {
		return nil
	}
	for i := range sc.handlers {
		if sc.handlers[i].catches(*x) {
			return &sc.handlers[i]
		}
	}
	return nil
}

// catches says whether the handler's WHEN names x's type.
func (h *handler) catches(x *raised) bool {
	for _, n := range h.names {
		if n == "OTHER" || n == x.typ {
			return true
		}
	}
	return false
}

// handle runs a handler with SQLCODE, SQLERRM and SQLSTATE describing x.
func (r *procRun) handle(h *handler, x *raised) (flow, error) {
	defer r.scope("SQLCODE", "SQLERRM", "SQLSTATE")()
	caught := r.caught
	defer func() { r.caught = caught }()
	r.caught = x
	r.vars["SQLCODE"] = int64(x.err.Number)
	r.vars["SQLERRM"] = x.err.Message
	r.vars["SQLSTATE"] = x.err.State
	return r.exec(h.body)
}

// step counts a statement or a loop round against maxSteps.
func (r *procRun) step() error {
	r.steps++
	if r.steps > maxSteps {
		return sferr.ExecutionError("Procedure ran too many statements.")
	}
	if r.ctx.Err() != nil {
		return sferr.QueryCanceled()
	}
	return nil
}

func (r *procRun) exec(stmts []scriptStmt) (flow, error) {
	for i := range stmts {
		if f, err := r.stmt(&stmts[i]); err != nil || f != flowNext {
			return f, err
		}
	}
	return flowNext, nil
}

func (r *procRun) stmt(st *scriptStmt) (flow, error) {
	if err := r.step(); err != nil {
		return flowNext, err
	}
	switch st.kind {
	case scriptAssign:
		return flowNext, r.assign(st)
	case scriptLog:
		_, err := r.eval(st, st.text)
		return flowNext, err
	case scriptReturn:
		return r.doReturn(st)
	case scriptIf, scriptCase:
		arm, err := r.pick(st)
		if err != nil {
			return flowNext, err
		}
		return r.exec(arm)
	case scriptBlock:
		return r.block(st.block)
	case scriptFor:
		if st.conds == nil {
			return r.forRows(st)
		}
		return r.forRange(st)
	case scriptWhile, scriptRepeat, scriptLoop:
		return r.loop(st)
	case scriptBreak:
		r.label = st.name
		return flowBreak, nil
	case scriptContinue:
		r.label = st.name
		return flowContinue, nil
	case scriptOpen:
		return flowNext, r.open(st)
	case scriptFetch:
		return flowNext, r.fetch(st)
	case scriptClose:
		c, err := r.cursor(st)
		if err == nil {
			c.rows = nil
		}
		return flowNext, err
	case scriptRaise:
		return flowNext, r.raise(st)
	case scriptImmediate:
		_, err := r.immediate(st, st.text)
		return flowNext, err
	case scriptSQL:
		text, err := substitute(st.text, r.vars, false)
		if err != nil {
			return flowNext, r.uncaught(st, err)
		}
		res, err := r.run(st, text)
		if err != nil {
			return flowNext, err
		}
		r.setStatus(res)
		row := firstRow(res)
		for i, name := range st.into {
			var v any
			if i < len(row) {
				v = row[i]
			}
			r.vars[name] = v
		}
	}
	return flowNext, nil
}

// statusVars are the global variables a statement of the body sets.
var statusVars = []string{"SQLROWCOUNT", "SQLFOUND", "SQLNOTFOUND", "ACTIVITY_COUNT"}

// setStatus sets the global variables after a statement: the rows a DML
// statement (not TRUNCATE) changed, NULL after any other statement (the
// 2025_01 behavior of Snowflake); ACTIVITY_COUNT also counts a query's
// rows.
func (r *procRun) setStatus(res *Result) {
	for _, n := range statusVars {
		r.vars[n] = nil
	}
	switch {
	case res.kind == KindDML && res.command != "TRUNCATE":
		r.vars["SQLROWCOUNT"] = res.rowsAffected
		r.vars["SQLFOUND"] = res.rowsAffected > 0
		r.vars["SQLNOTFOUND"] = res.rowsAffected == 0
		r.vars["ACTIVITY_COUNT"] = res.rowsAffected
	case res.kind == KindQuery:
		r.vars["ACTIVITY_COUNT"] = int64(len(res.rows))
	}
}

// assign runs a declaration, LET or name := expr.
func (r *procRun) assign(st *scriptStmt) error {
	switch st.decl {
	case declCursor:
		r.vars[st.name] = &scriptCursor{query: st.text}
		return nil
	case declException:
		r.vars[st.name] = &scriptException{code: st.code, msg: st.text}
		return nil
	}
	_, isSet := r.vars[st.name].(*Result)
	if st.decl == declResultset || isSet {
		var rs *Result // a RESULTSET declared without a query
		if st.text != "" {
			var err error
			if rs, err = r.query(st, st.text); err != nil {
				return err
			}
		}
		r.vars[st.name] = rs
		return nil
	}
	var v any
	if st.text != "" {
		var err error
		if v, err = r.eval(st, st.text); err != nil {
			return err
		}
	}
	r.vars[st.name] = v
	return nil
}

// query runs a RESULTSET's [ASYNC] (query) or (EXECUTE IMMEDIATE expr);
// an asynchronous child job runs at once.
func (r *procRun) query(st *scriptStmt, text string) (*Result, error) {
	if toks := newParser(text).toks; len(toks) > 2 && isWordText(toks[0], "ASYNC") && toks[1].tok == LPAREN {
		text = text[toks[1].pos:]
	}
	if inner, ok := unparen(text); ok {
		text = inner
	}
	toks := newParser(text).toks
	if len(toks) > 2 && toks[0].tok == EXECUTE && isWordText(toks[1], "IMMEDIATE") {
		return r.immediate(st, text[toks[2].pos:])
	}
	q, err := substitute(text, r.vars, false)
	if err != nil {
		return nil, r.uncaught(st, err)
	}
	return r.run(st, q)
}

// immediate runs EXECUTE IMMEDIATE's text: expr [USING (expr, ...)], the
// string expr gives with its ? binds replaced by USING's values.
func (r *procRun) immediate(st *scriptStmt, text string) (*Result, error) {
	expr, using := cutUsing(text)
	var args []any
	if using != "" {
		list, ok := unparen(using)
		if !ok {
			return nil, r.uncaught(st, sferr.SyntaxErrorMessage("syntax error: USING needs (expression, ...)"))
		}
		var err error
		if args, err = r.evalRow(st, list); err != nil {
			return nil, err
		}
	}
	v, err := r.eval(st, expr)
	if err != nil {
		return nil, err
	}
	q, ok := v.(string)
	if !ok {
		return nil, r.uncaught(st, sferr.InvalidArgument("EXECUTE IMMEDIATE needs a string"))
	}
	if q, err = Bind(q, args); err != nil {
		return nil, r.uncaught(st, err)
	}
	return r.run(st, q)
}

// cutUsing splits expr USING (list) at its top-level USING; using is ""
// without one.
func cutUsing(text string) (expr, using string) {
	depth := 0
	for i, t := range newParser(text).toks {
		switch {
		case t.tok == LPAREN:
			depth++
		case t.tok == RPAREN:
			depth--
		case depth == 0 && i > 0 && isWordText(t, "USING"):
			return strings.TrimSpace(text[:t.pos]), strings.TrimSpace(text[t.end():])
		}
	}
	return text, ""
}

// doReturn runs RETURN [expr] and RETURN TABLE(resultset).
func (r *procRun) doReturn(st *scriptStmt) (flow, error) {
	r.ret = nil
	var err error
	switch {
	case st.table:
		r.ret, err = r.table(st, st.text)
	case st.text != "":
		r.ret, err = r.eval(st, st.text)
	}
	return flowReturn, err
}

// table reads TABLE's argument: a RESULTSET variable or
// RESULTSET_FROM_CURSOR(cursor), whose unread rows it gives.
func (r *procRun) table(st *scriptStmt, text string) (*Result, error) {
	toks := newParser(text).toks
	named := func(t token) bool { return isWord(t) || t.tok == QIDENT }
	switch {
	case len(toks) == 2 && named(toks[0]):
		name := account.NormalizeIdent(toks[0].lit)
		v, ok := r.vars[name]
		rs, isSet := v.(*Result)
		if !ok || !isSet {
			return nil, r.uncaught(st, sferr.ExecutionError("'"+name+"' is not a RESULTSET."))
		}
		if rs == nil {
			return nil, r.uncaught(st, sferr.ExecutionError("RESULTSET '"+name+"' has not been assigned a query."))
		}
		return rs, nil
	case len(toks) == 5 && isWordText(toks[0], "RESULTSET_FROM_CURSOR") && toks[1].tok == LPAREN &&
		named(toks[2]) && toks[3].tok == RPAREN:
		c, err := r.cursor(&scriptStmt{name: account.NormalizeIdent(toks[2].lit), line: st.line, col: st.col})
		if err != nil {
			return nil, err
		}
		return r.cursorRows(st, c)
	}
	return nil, r.uncaught(st, sferr.Unsupported("RETURN TABLE("+text+")"))
}

// pick chooses IF's or CASE's arm: the first whose condition is true, or
// whose value equals CASE's operand, else the ELSE arm.
func (r *procRun) pick(st *scriptStmt) ([]scriptStmt, error) {
	operand := ""
	if st.kind == scriptCase && st.text != "" {
		v, err := r.eval(st, st.text)
		if err != nil {
			return nil, err
		}
		operand = scriptLiteral(v) + " = "
	}
	for j, c := range st.conds {
		if operand != "" {
			c = operand + "(" + c + ")"
		}
		ok, err := r.truth(st, c)
		if err != nil {
			return nil, err
		}
		if ok {
			return st.arms[j], nil
		}
	}
	return st.arms[len(st.arms)-1], nil
}

// truth evaluates a condition: only TRUE is true.
func (r *procRun) truth(st *scriptStmt, cond string) (bool, error) {
	v, err := r.eval(st, cond)
	b, ok := v.(bool)
	return ok && b, err
}

// iterate runs one round of a loop's body. It says whether the loop ends
// and how: a BREAK of this loop ends it normally; RETURN, an error, or a
// BREAK or CONTINUE naming an outer loop's label end it and travel on.
func (r *procRun) iterate(st *scriptStmt) (bool, flow, error) {
	if err := r.step(); err != nil {
		return true, flowNext, err
	}
	f, err := r.exec(st.arms[0])
	switch {
	case err != nil || f == flowReturn:
		return true, f, err
	case f == flowNext:
		return false, f, nil
	case r.label != "" && r.label != st.label:
		return true, f, nil
	}
	r.label = ""
	return f == flowBreak, flowNext, nil
}

// forRange runs FOR i IN [REVERSE] a TO b; it runs no round when b < a.
func (r *procRun) forRange(st *scriptStmt) (flow, error) {
	lo, err := r.evalInt(st, st.text)
	if err != nil {
		return flowNext, err
	}
	hi, err := r.evalInt(st, st.conds[0])
	if err != nil {
		return flowNext, err
	}
	defer r.scope(st.name)()
	for i := lo; i <= hi && i >= lo; i++ { // i >= lo: stop where i would wrap
		v := i
		if st.rev {
			v = hi - (i - lo)
		}
		r.vars[st.name] = v
		if stop, f, err := r.iterate(st); stop {
			return f, err
		}
	}
	return flowNext, nil
}

// evalInt evaluates a FOR loop bound.
func (r *procRun) evalInt(st *scriptStmt, text string) (int64, error) {
	v, err := r.eval(st, text)
	if err != nil {
		return 0, err
	}
	switch n := v.(type) {
	case int64:
		return n, nil
	case float64:
		if n == float64(int64(n)) {
			return int64(n), nil
		}
	}
	return 0, r.uncaught(st, sferr.NumericNotRecognized(valueText(v)))
}

// forRows runs FOR row IN cursor over the cursor's rows (an open cursor's
// unread ones), or over a RESULTSET's.
func (r *procRun) forRows(st *scriptStmt) (flow, error) {
	var rs *Result
	if set, ok := r.vars[st.text].(*Result); ok && set != nil {
		rs = set
	} else {
		c, err := r.cursor(&scriptStmt{name: st.text, line: st.line, col: st.col})
		if err != nil {
			return flowNext, err
		}
		if rs, err = r.cursorRows(st, c); err != nil {
			return flowNext, err
		}
	}
	defer r.scope(st.name)()
	for _, vals := range rs.rows {
		row := make(scriptRow, len(rs.columns))
		for i, v := range scriptValues(rs.columns, vals) {
			row[rs.columns[i].Name] = v
		}
		r.vars[st.name] = row
		if stop, f, err := r.iterate(st); stop {
			return f, err
		}
	}
	return flowNext, nil
}

// loop runs WHILE, REPEAT and LOOP.
func (r *procRun) loop(st *scriptStmt) (flow, error) {
	for {
		if st.kind == scriptWhile {
			ok, err := r.truth(st, st.conds[0])
			if err != nil || !ok {
				return flowNext, err
			}
		}
		if stop, f, err := r.iterate(st); stop {
			return f, err
		}
		if st.kind == scriptRepeat {
			ok, err := r.truth(st, st.conds[0])
			if err != nil || ok {
				return flowNext, err
			}
		}
	}
}

// cursor finds the cursor st names.
func (r *procRun) cursor(st *scriptStmt) (*scriptCursor, error) {
	c, ok := r.vars[st.name].(*scriptCursor)
	if !ok {
		return nil, r.uncaught(st, sferr.SyntaxErrorMessage("invalid identifier '"+st.name+"'"))
	}
	return c, nil
}

// open runs OPEN c [USING (expr, ...)]: the query runs now, with the
// values in place of its ? binds.
func (r *procRun) open(st *scriptStmt) error {
	c, err := r.cursor(st)
	if err != nil {
		return err
	}
	var args []any
	if st.text != "" {
		if args, err = r.evalRow(st, st.text); err != nil {
			return err
		}
	}
	rs, err := r.cursorQuery(st, c, args)
	if err != nil {
		return err
	}
	c.rows, c.pos = rs, 0
	return nil
}

// cursorQuery runs a cursor's query, or gives the RESULTSET it was
// declared for.
func (r *procRun) cursorQuery(st *scriptStmt, c *scriptCursor, args []any) (*Result, error) {
	toks := newParser(c.query).toks
	if len(toks) == 2 && (isWord(toks[0]) || toks[0].tok == QIDENT) {
		if rs, ok := r.vars[account.NormalizeIdent(toks[0].lit)].(*Result); ok && rs != nil {
			return rs, nil
		}
	}
	q, err := Bind(c.query, args)
	if err == nil {
		q, err = substitute(q, r.vars, false)
	}
	if err != nil {
		return nil, r.uncaught(st, err)
	}
	return r.run(st, q)
}

// cursorRows gives an open cursor's unread rows, which it then has read,
// or a closed one's query's rows (a FOR loop opens and closes its cursor).
func (r *procRun) cursorRows(st *scriptStmt, c *scriptCursor) (*Result, error) {
	if c.rows == nil {
		return r.cursorQuery(st, c, nil)
	}
	rest := &Result{columns: c.rows.columns, rows: c.rows.rows[c.pos:], kind: KindQuery}
	c.pos = len(c.rows.rows)
	return rest, nil
}

// fetch runs FETCH c INTO v, ...: the next row's values, or NULLs when
// every row has been read.
func (r *procRun) fetch(st *scriptStmt) error {
	c, err := r.cursor(st)
	if err != nil {
		return err
	}
	if c.rows == nil {
		return r.uncaught(st, sferr.ExecutionError("Cursor '"+st.name+"' is not open."))
	}
	var row []any
	if c.pos < len(c.rows.rows) {
		row = scriptValues(c.rows.columns, c.rows.rows[c.pos])
		c.pos++
	}
	for i, name := range st.into {
		var v any
		if i < len(row) {
			v = row[i]
		}
		r.vars[name] = v
	}
	return nil
}

// raise runs RAISE e, or a bare RAISE in a handler, which raises the
// exception it handles again.
func (r *procRun) raise(st *scriptStmt) error {
	if st.name == "" {
		if r.caught == nil {
			return r.uncaught(st, sferr.ExecutionError("RAISE without an exception outside an exception handler."))
		}
		return r.caught
	}
	e, ok := r.vars[st.name].(*scriptException)
	if !ok {
		return r.uncaught(st, sferr.SyntaxErrorMessage("invalid identifier '"+st.name+"'"))
	}
	return &raised{err: sferr.UserException(e.code, e.msg), typ: st.name, line: st.line, col: st.col}
}

// run executes one statement in the procedure's session.
func (r *procRun) run(st *scriptStmt, text string) (*Result, error) {
	verb, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	if strings.EqualFold(verb, "USE") {
		return nil, r.uncaught(st, sferr.ExecutionError("USE statements are not allowed in a stored procedure."))
	}
	sessionState := strings.EqualFold(verb, "SET") || strings.EqualFold(verb, "UNSET") ||
		strings.EqualFold(verb, "ALTER") && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(rest)), "SESSION")
	if r.owner && sessionState {
		return nil, r.uncaught(st, sferr.ExecutionError("Stored procedure execution error: Unsupported statement type '"+strings.ToUpper(verb)+"' in an owner's rights stored procedure."))
	}
	saved, savedCtx := r.s.parsed, r.s.ctx
	res, err := r.s.Execute(r.ctx, text)
	r.s.parsed, r.s.ctx = saved, savedCtx
	if err != nil {
		return nil, r.uncaught(st, err)
	}
	return res, nil
}

// eval computes an expression of the body with the variables substituted.
func (r *procRun) eval(st *scriptStmt, text string) (any, error) {
	row, err := r.evalRow(st, text)
	if err != nil || len(row) == 0 {
		return nil, err
	}
	return row[0], nil
}

// evalRow computes a list of expressions, or the first row of a
// parenthesized query.
func (r *procRun) evalRow(st *scriptStmt, text string) ([]any, error) {
	// (SELECT ...) is the query itself, whose first value is the
	// expression's; being SQL, it names variables as :binds only, so a
	// column that shares a variable's name stays a column.
	q, bare := text, false
	if inner, ok := wholeSubquery(text); ok {
		q = inner
	} else {
		q, bare = "SELECT "+text, true
	}
	q, err := substitute(q, r.vars, bare)
	if err != nil {
		return nil, r.uncaught(st, err)
	}
	res, err := r.run(st, q)
	if err != nil {
		return nil, err
	}
	return firstRow(res), nil
}

// firstRow is a result's first row as variables hold it; nil for none.
func firstRow(res *Result) []any {
	if len(res.rows) == 0 {
		return nil
	}
	return scriptValues(res.columns, res.rows[0])
}

// scriptValues converts a row's values to what variables hold: a NUMBER
// with a scale, which the data plane gives as its decimal text, becomes a
// number again so that it is written back into SQL as one.
func scriptValues(cols []Column, row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		out[i] = v
		s, ok := v.(string)
		if !ok || i >= len(cols) || cols[i].Type != "FIXED" {
			continue
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			out[i] = n
		} else if f, err := strconv.ParseFloat(s, 64); err == nil {
			out[i] = f
		}
	}
	return out
}

// uncaught makes a statement's error an exception of the body, raised at
// the statement.
func (r *procRun) uncaught(st *scriptStmt, err error) error {
	var x *raised
	if errors.As(err, &x) {
		return err
	}
	e := sferr.As(toSF(err))
	if e == nil {
		return err
	}
	return &raised{err: e, typ: "STATEMENT_ERROR", line: st.line, col: st.col}
}

// unparen returns the text inside one pair of parentheses that encloses
// all of text.
func unparen(text string) (string, bool) {
	toks := newParser(text).toks
	n := len(toks) - 1 // EOF
	if n < 2 || toks[0].tok != LPAREN || toks[n-1].tok != RPAREN {
		return "", false
	}
	depth := 0
	for i := 0; i < n; i++ {
		switch toks[i].tok {
		case LPAREN:
			depth++
		case RPAREN:
			depth--
			if depth == 0 && i != n-1 {
				return "", false
			}
		}
	}
	return strings.TrimSpace(text[toks[0].end():toks[n-1].pos]), true
}

// wholeSubquery returns the query of text when text is one parenthesized
// query: ( SELECT ... ).
func wholeSubquery(text string) (string, bool) {
	inner, ok := unparen(text)
	if !ok {
		return "", false
	}
	if t := newParser(inner).toks[0].tok; t != SELECT && t != WITH {
		return "", false
	}
	return inner, true
}
