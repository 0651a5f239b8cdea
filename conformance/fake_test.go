package conformance_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/sferr"
)

// fake is a scripted Target. Users are ADMIN/admin and BOB/bob; a login
// asking for role NOPE is refused. Statements answer from script; anything
// else is a syntax error. Every call is logged.
type fake struct {
	name string

	mu       sync.Mutex
	log      []string
	accounts int // accounts opened
	open     int // sessions open now
	closed   int // accounts closed

	failAccount error // returned by OpenAccount when set
	adminPW     string
}

var users = map[string]string{"ADMIN": "admin", "BOB": "bob"}

type reply struct {
	res *conformance.Result
	err error
}

var t0 = time.Date(2024, 5, 6, 7, 8, 9, 123e6, time.FixedZone("", -7*3600))

var script = map[string]reply{
	"SELECT 1":                {res: &conformance.Result{Columns: []string{"1"}, Rows: [][]any{{int64(1)}}}},
	"CREATE ROLE r":           {res: status("Role R successfully created.")},
	"USE SECONDARY ROLES ALL": {res: status("Statement executed successfully.")},
	"USE DATABASE nowhere":    {err: sferr.ObjectNotFound("Database", "NOWHERE")},
	"USE ROLE analyst":        {err: sferr.RoleNotAssigned("ANALYST")},
	"BROKEN":                  {err: errors.New("connection reset\nby peer")},
	"SHOW GRANTS": {res: &conformance.Result{
		Columns: []string{"created_on", "privilege", "granted_on", "name"},
		Rows: [][]any{
			{t0, "USAGE", "DATABASE", "SALES"},
			{t0, "OWNERSHIP", "ROLE", "ANALYST"},
		},
	}},
	"SHOW NOTHING": {res: &conformance.Result{Columns: []string{"name"}}},
	"SELECT values": {res: &conformance.Result{
		Columns: []string{"n", "e", "b", "i", "f", "g", "t", "s"},
		Rows:    [][]any{{nil, "", true, int64(-3), 2.0, 0.25, t0, "a\tb\nc"}},
	}},
}

func status(s string) *conformance.Result {
	return &conformance.Result{Columns: []string{"status"}, Rows: [][]any{{s}}}
}

func (f *fake) logf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = append(f.log, fmt.Sprintf(format, args...))
}

func (f *fake) Name() string { return f.name }

func (f *fake) OpenAccount(ctx context.Context) (conformance.Account, error) {
	if f.failAccount != nil {
		return nil, f.failAccount
	}
	f.mu.Lock()
	f.accounts++
	f.mu.Unlock()
	f.logf("account")
	pw := "admin"
	if f.adminPW != "" {
		pw = f.adminPW
	}
	return &fakeAccount{f: f, admin: conformance.Login{User: "ADMIN", Password: pw, Role: "ACCOUNTADMIN"}}, nil
}

type fakeAccount struct {
	f     *fake
	admin conformance.Login
}

func (a *fakeAccount) Admin() conformance.Login { return a.admin }

func (a *fakeAccount) Open(ctx context.Context, l conformance.Login) (conformance.Session, error) {
	a.f.logf("login %s/%s role=%s", l.User, l.Password, l.Role)
	if pw, ok := users[strings.ToUpper(l.User)]; !ok || pw != l.Password {
		return nil, sferr.IncorrectCredentials()
	}
	if l.Role == "NOPE" {
		return nil, sferr.LoginRoleNotGranted(l.Role)
	}
	a.f.mu.Lock()
	a.f.open++
	a.f.mu.Unlock()
	return &fakeSession{f: a.f, user: strings.ToUpper(l.User)}, nil
}

func (a *fakeAccount) Close() error {
	a.f.mu.Lock()
	a.f.closed++
	a.f.mu.Unlock()
	return nil
}

type fakeSession struct {
	f    *fake
	user string
}

func (s *fakeSession) Exec(ctx context.Context, sql string) (*conformance.Result, error) {
	s.f.logf("%s: %s", s.user, sql)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r, ok := script[strings.TrimSuffix(sql, ";")]; ok {
		return r.res, r.err
	}
	return nil, sferr.SyntaxError(1, 0, strings.Fields(sql + " x")[0])
}

func (s *fakeSession) Close() error {
	s.f.mu.Lock()
	s.f.open--
	s.f.mu.Unlock()
	return nil
}
