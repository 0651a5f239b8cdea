package sqlengine

import (
	"context"
	"errors"

	"github.com/frostgate/frostgate/emulator/account"
)

// Session is one user's connection: its identity and roles (held by the
// account's Actor) and its current database, schema and warehouse.
// A Session is not safe for concurrent use.
type Session struct {
	eng       *Engine
	acct      *account.Account
	actor     *account.Actor
	database  string         // current database, "" when none
	schema    string         // current schema, "" when none
	warehouse string         // current warehouse, "" when none
	vars      map[string]any // session variables (SET)
	data      *dataSession   // go-mysql-server session, opened by the first data statement
	parsed    *parser        // while Execute runs: the statement's tokens, which the rewriter reuses
	callDepth int            // procedures running in this session (procedure.go)
	owner     bool           // the session an owner's-rights procedure runs in: its blocks may not change session state

	// ctx is the context of the statement being executed, for the few
	// functions that block (SYSTEM$WAIT); nil between statements.
	ctx context.Context
}

func newSession(e *Engine, actor *account.Actor) *Session {
	return &Session{eng: e, acct: e.acct, actor: actor}
}

// Execute runs one statement (an optional trailing ';' is allowed).
func (s *Session) Execute(ctx context.Context, sql string) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	stmt, p, err := parse(sql)
	if err != nil {
		return nil, err
	}
	return s.executeParsed(ctx, sql, stmt, p)
}

// executeParsed is Execute for a statement already parsed from sql by p.
func (s *Session) executeParsed(ctx context.Context, sql string, stmt Statement, p *parser) (*Result, error) {
	s.parsed, s.ctx = p, ctx
	defer func() { s.parsed, s.ctx = nil, nil }()
	res, err := s.exec(ctx, stmt)
	var nc *notConstant
	if _, isSelect := stmt.(*Select); isSelect && errors.As(err, &nc) {
		// A SELECT without FROM that the constant evaluator cannot answer
		// (string functions, casts it does not know): run it as data, which
		// needs no warehouse since it reads no table.
		res, err = s.runData(ctx, sql, false)
	}
	if err != nil {
		return nil, toSF(err)
	}
	if res.command == "" {
		res.command = commandOf(stmt)
	}
	return res, nil
}

// Close ends the session and drops its temporary tables.
func (s *Session) Close() error {
	for _, id := range s.eng.cat.temporaries(s.actor.SessionID()) {
		s.dropTemporary(id)
	}
	s.acct.DropSessionReferences(s.actor)
	return nil
}

// State is a session's current context, as drivers track it (the Snowflake
// protocol's final* fields, PostgreSQL ParameterStatus).
type State struct {
	User, Role, Database, Schema, Warehouse string // "" when none
	SessionID                               int64
}

// State returns the session's current context.
func (s *Session) State() State {
	return State{User: s.acct.CurrentUser(s.actor), Role: s.acct.CurrentRole(s.actor), Database: s.database,
		Schema: s.schema, Warehouse: s.warehouse, SessionID: s.actor.SessionID()}
}
