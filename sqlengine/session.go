package sqlengine

import (
	"context"

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
	stmt, err := Parse(sql)
	if err != nil {
		return nil, err
	}
	s.ctx = ctx
	res, err := s.exec(stmt)
	s.ctx = nil
	if err != nil {
		return nil, toSF(err)
	}
	if res.command == "" {
		res.command = commandOf(stmt)
	}
	return res, nil
}

// Close ends the session.
func (s *Session) Close() error { return nil }

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
