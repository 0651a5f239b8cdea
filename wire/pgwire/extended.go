package pgwire

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/frostgate/frostgate/sqlengine"
)

// The extended query protocol: Parse, Bind, Describe, Execute, Close,
// ended by Sync.
//
// Frostgate's engine does not plan a statement apart from running it, so:
//   - Describe of a statement (before Bind) uses Session.Describe, which
//     names the columns without running anything (a SHOW is run, as it
//     changes nothing);
//   - Describe of a portal (after Bind) executes the portal and keeps the
//     result, which the following Execute sends: the statement still runs
//     once, one message earlier than in PostgreSQL;
//   - otherwise Execute runs it.
// Values are sent as the types the client was told about, so a client
// that only described the statement (pgx's statement cache) decodes what
// it expects.

// prepared is a parsed (named or unnamed) statement.
type prepared struct {
	sql       string
	empty     bool     // no statement at all: Execute answers EmptyQueryResponse
	chat      *chatter // PostgreSQL chatter, answered by the wire layer
	paramOIDs []uint32
	described []sqlengine.Column // what Describe told the client; nil before
}

// portal is a bound statement, ready to run.
type portal struct {
	stmt    *prepared
	sql     string  // with the parameters written in
	formats []int16 // result formats from Bind
	rs      resultSet
	tag     string
	desc    []sqlengine.Column // the description the client holds; nil if none
	done    bool
}

// extended handles one extended-protocol message; an error is sent as
// ErrorResponse and the rest of the batch is skipped until Sync.
func (c *conn) extended(msg pgproto3.FrontendMessage) error {
	switch m := msg.(type) {
	case *pgproto3.Parse:
		return c.parse(m)
	case *pgproto3.Bind:
		return c.bind(m)
	case *pgproto3.Describe:
		if m.ObjectType == 'S' {
			return c.describeStatement(m.Name)
		}
		return c.describePortal(m.Name)
	case *pgproto3.Execute:
		return c.executePortal(m.Portal, int64(m.MaxRows))
	case *pgproto3.Close:
		if m.ObjectType == 'S' {
			delete(c.stmts, m.Name)
		} else {
			delete(c.portals, m.Name)
		}
		c.send(&pgproto3.CloseComplete{})
		return nil
	case *pgproto3.FunctionCall:
		return &pgError{code: "0A000", msg: "the function call sub-protocol is not supported"}
	}
	return &pgError{code: "08P01", msg: fmt.Sprintf("unexpected message %T", msg)}
}

// sync ends a batch: portals close (the implicit transaction ends) and the
// client is ready for more.
func (c *conn) sync() {
	c.skipToSync = false
	c.inBatch = false
	clear(c.portals)
	c.readyForQuery()
}

func (c *conn) parse(m *pgproto3.Parse) error {
	if _, exists := c.stmts[m.Name]; exists && m.Name != "" {
		return &pgError{code: "42P05", msg: fmt.Sprintf("prepared statement %q already exists", m.Name)}
	}
	stmts := splitStatements(m.Query)
	if len(stmts) > 1 {
		return &pgError{code: "42601", msg: "cannot insert multiple commands into a prepared statement"}
	}
	p := &prepared{empty: len(stmts) == 0}
	if !p.empty {
		p.sql = stmts[0]
		p.chat = classify(p.sql)
	}
	n := len(m.ParameterOIDs)
	if !p.empty && p.chat == nil {
		n = max(n, sqlengine.Params(p.sql))
	}
	if n > 65535 {
		return &pgError{code: "54000", msg: "too many parameters"}
	}
	p.paramOIDs = make([]uint32, n)
	copy(p.paramOIDs, m.ParameterOIDs) // undeclared types stay 0: the client chooses
	c.stmts[m.Name] = p
	c.send(&pgproto3.ParseComplete{})
	return nil
}

func (c *conn) bind(m *pgproto3.Bind) error {
	p, ok := c.stmts[m.PreparedStatement]
	if !ok {
		return &pgError{code: "26000", msg: fmt.Sprintf("prepared statement %q does not exist", m.PreparedStatement)}
	}
	if _, exists := c.portals[m.DestinationPortal]; exists && m.DestinationPortal != "" {
		return &pgError{code: "42P03", msg: fmt.Sprintf("cursor %q already exists", m.DestinationPortal)}
	}
	if len(m.Parameters) != len(p.paramOIDs) {
		return &pgError{code: "08P01", msg: fmt.Sprintf("bind message supplies %d parameters, but prepared statement %q requires %d",
			len(m.Parameters), m.PreparedStatement, len(p.paramOIDs))}
	}
	if f := len(m.ParameterFormatCodes); f > 1 && f != len(m.Parameters) {
		return &pgError{code: "08P01", msg: fmt.Sprintf("bind message has %d parameter formats but %d parameters", f, len(m.Parameters))}
	}
	for _, f := range m.ResultFormatCodes {
		if f != 0 && f != 1 {
			return &pgError{code: "08P01", msg: fmt.Sprintf("invalid result format code %d", f)}
		}
	}
	args := make([]any, len(m.Parameters))
	for i, raw := range m.Parameters {
		v, err := c.decodeParam(raw, p.paramOIDs[i], formatOf(m.ParameterFormatCodes, i))
		if err != nil {
			return err
		}
		args[i] = v
	}
	sql := p.sql
	if len(args) > 0 && p.chat == nil {
		bound, err := sqlengine.Bind(p.sql, args)
		if err != nil {
			return &pgError{code: "22023", msg: err.Error()}
		}
		sql = bound
	}
	c.portals[m.DestinationPortal] = &portal{stmt: p, sql: sql, formats: append([]int16(nil), m.ResultFormatCodes...), desc: p.described}
	c.send(&pgproto3.BindComplete{})
	return nil
}

func (c *conn) describeStatement(name string) error {
	p, ok := c.stmts[name]
	if !ok {
		return &pgError{code: "26000", msg: fmt.Sprintf("prepared statement %q does not exist", name)}
	}
	var cols []sqlengine.Column
	switch {
	case p.empty:
	case p.chat != nil:
		cols = newChatRows(p.chat.columns, nil).Columns()
	default:
		var err error
		if cols, err = c.sess.Describe(context.Background(), p.sql); err != nil {
			return err
		}
	}
	p.described = cols
	c.send(&pgproto3.ParameterDescription{ParameterOIDs: p.paramOIDs})
	c.sendDescription(cols, nil)
	return nil
}

func (c *conn) describePortal(name string) error {
	pt, ok := c.portals[name]
	if !ok {
		return &pgError{code: "34000", msg: fmt.Sprintf("portal %q does not exist", name)}
	}
	if pt.stmt.empty {
		c.send(&pgproto3.NoData{})
		return nil
	}
	if err := c.start(pt); err != nil {
		return err
	}
	if pt.desc == nil {
		pt.desc = pt.rs.Columns()
	}
	c.sendDescription(pt.desc, pt.formats)
	return nil
}

func (c *conn) sendDescription(cols []sqlengine.Column, formats []int16) {
	if len(cols) == 0 {
		c.send(&pgproto3.NoData{})
		return
	}
	c.send(rowDescription(cols, formats))
}

// start runs a portal's statement once and keeps its result.
func (c *conn) start(pt *portal) error {
	if pt.rs != nil {
		return nil
	}
	rs, tag, err := c.run(pt.sql, pt.stmt.chat)
	if err != nil {
		return err
	}
	pt.rs, pt.tag = rs, tag
	return nil
}

func (c *conn) executePortal(name string, maxRows int64) error {
	pt, ok := c.portals[name]
	if !ok {
		return &pgError{code: "34000", msg: fmt.Sprintf("portal %q does not exist", name)}
	}
	if pt.stmt.empty {
		c.send(&pgproto3.EmptyQueryResponse{})
		return nil
	}
	if pt.done {
		c.send(&pgproto3.CommandComplete{CommandTag: []byte(completionTag(pt.tag, pt.rs, 0))})
		return nil
	}
	if err := c.start(pt); err != nil {
		return err
	}
	more, n, err := c.sendRows(pt.rs, pt.desc, pt.formats, maxRows)
	if err != nil {
		return err
	}
	if more {
		c.send(&pgproto3.PortalSuspended{})
		return nil
	}
	pt.done = true
	c.send(&pgproto3.CommandComplete{CommandTag: []byte(completionTag(pt.tag, pt.rs, n))})
	return nil
}
