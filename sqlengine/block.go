package sqlengine

import (
	"context"
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// Anonymous blocks: a Snowflake Scripting block sent as a statement, bare
// ([DECLARE ...] BEGIN ... END) or as EXECUTE IMMEDIATE's string. It runs
// as the session itself, as a caller's-rights procedure would, and its
// RETURN value is one TEXT column named "anonymous block" (RETURN TABLE:
// the table).

// Block is an anonymous block.
type Block struct {
	Text string // the block's source text
	body *script
}

var _ Statement = (*Block)(nil)

func (*Block) stmt() {}

// String implements Statement.
func (n *Block) String() string { return n.Text }

// ExecuteImmediate is EXECUTE IMMEDIATE expr: the statement or block the
// string holds.
type ExecuteImmediate struct {
	Expr Expr
}

var _ Statement = (*ExecuteImmediate)(nil)

func (*ExecuteImmediate) stmt() {}

// String implements Statement.
func (n *ExecuteImmediate) String() string { return "EXECUTE IMMEDIATE " + n.Expr.String() }

// startsBlock says whether the current token starts an anonymous block.
func (p *parser) startsBlock() bool { return startsBlock(p.cur(), p.peek(1)) }

// parseBlock reads an anonymous block: the whole text, so that lines are
// counted from its start as in a procedure's body.
func (p *parser) parseBlock() Statement {
	text := p.src
	sc, err := parseScript(text)
	if err != nil {
		panic(bailout{err: sferr.As(err)})
	}
	for p.tok != EOF {
		p.next()
	}
	return &Block{Text: strings.TrimSpace(text), body: sc}
}

func (p *parser) parseExecuteImmediate() Statement {
	p.next()
	p.next()
	if p.tok == FROM {
		p.next()
		return &ExecuteImmediateFrom{Path: p.parseString()}
	}
	return &ExecuteImmediate{Expr: p.parseExpr()}
}

// nest counts a block or EXECUTE IMMEDIATE against the calls a session
// may nest (a string that executes itself would recurse without end); the
// function it returns undoes it.
func (s *Session) nest() (func(), error) {
	if s.callDepth >= maxCallDepth {
		return nil, sferr.ExecutionError("Procedure calls nested too deeply.")
	}
	s.callDepth++
	return func() { s.callDepth-- }, nil
}

// execBlock runs an anonymous block in the session.
func (s *Session) execBlock(ctx context.Context, n *Block) (*Result, error) {
	done, err := s.nest()
	if err != nil {
		return nil, err
	}
	defer done()
	r := &procRun{s: s, ctx: ctx, vars: map[string]any{}, owner: s.owner}
	v, err := r.call(n.body)
	if err != nil {
		return nil, err
	}
	if rs, ok := v.(*Result); ok && rs != nil {
		return rowsResult(rs.columns, rs.rows), nil
	}
	// The value's type is known only once the block ran, but a client may
	// ask for the column first (Describe): the value is given as text.
	return rowsResult([]Column{{Name: anonymousBlock, Type: "TEXT", Nullable: true}}, [][]any{{convertReturn(v, "TEXT")}}), nil
}

// anonymousBlock names the column of an anonymous block's value.
const anonymousBlock = "anonymous block"

// execExecuteImmediate runs the statement or block a constant string holds.
func (s *Session) execExecuteImmediate(ctx context.Context, n *ExecuteImmediate) (*Result, error) {
	text, done, err := s.immediateText(n)
	if err != nil {
		return nil, err
	}
	defer done()
	saved, savedCtx := s.parsed, s.ctx
	defer func() { s.parsed, s.ctx = saved, savedCtx }()
	return s.Execute(ctx, text)
}

// immediateColumns describes EXECUTE IMMEDIATE by its statement, and a
// block by its scalar column (a block that returns a table is known only
// when it runs).
func (s *Session) immediateColumns(ctx context.Context, n *ExecuteImmediate) ([]Column, error) {
	text, done, err := s.immediateText(n)
	if err != nil {
		return nil, toSF(err)
	}
	defer done()
	return s.Describe(ctx, text)
}

// immediateText enters one more level of nesting (done leaves it) and
// evaluates the string EXECUTE IMMEDIATE runs.
func (s *Session) immediateText(n *ExecuteImmediate) (text string, done func(), err error) {
	if done, err = s.nest(); err != nil {
		return "", nil, err
	}
	v, err := s.eval(n.Expr)
	if err != nil {
		done()
		return "", nil, err
	}
	text, ok := v.(string)
	if !ok {
		done()
		return "", nil, sferr.InvalidArgument("EXECUTE IMMEDIATE needs a string")
	}
	return text, done, nil
}
