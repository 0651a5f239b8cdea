package conformance

import (
	"context"
	"errors"
	"io"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
)

// InProc is the in-process target, named "inproc": each account is a new
// account.Account behind a new sqlengine.Engine, with no network between the
// runner and the engine.
type InProc struct {
	// AdminPassword is the password of user ADMIN in each new account;
	// empty means "admin". Set it before the first OpenAccount.
	AdminPassword string
}

// Name implements Target.
func (*InProc) Name() string { return "inproc" }

// OpenAccount implements Target: it builds a new account.
func (t *InProc) OpenAccount(ctx context.Context) (Account, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pw := t.AdminPassword
	if pw == "" {
		pw = "admin"
	}
	eng := sqlengine.New(account.New(account.Config{AdminPassword: pw}))
	return &inprocAccount{eng: eng, admin: Login{User: "ADMIN", Password: pw, Role: "ACCOUNTADMIN"}}, nil
}

type inprocAccount struct {
	eng   *sqlengine.Engine
	admin Login
}

func (a *inprocAccount) Admin() Login { return a.admin }

func (a *inprocAccount) Open(ctx context.Context, l Login) (Session, error) {
	s, err := a.eng.Open(ctx, sqlengine.Login{User: l.User, Password: l.Password, Role: l.Role})
	if err != nil {
		return nil, err
	}
	return &inprocSession{s: s}, nil
}

func (a *inprocAccount) Close() error { return nil }

type inprocSession struct {
	s *sqlengine.Session
}

func (s *inprocSession) Exec(ctx context.Context, sql string) (*Result, error) {
	res, err := s.s.Execute(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	cols := res.Columns()
	out := &Result{Columns: make([]string, len(cols))}
	for i, c := range cols {
		out.Columns[i] = c.Name
	}
	for {
		row := make([]any, len(cols))
		err := res.Next(row)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out.Rows = append(out.Rows, row)
	}
}

func (s *inprocSession) Close() error { return s.s.Close() }
