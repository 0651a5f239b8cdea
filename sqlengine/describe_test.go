package sqlengine_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
)

func TestDescribe(t *testing.T) {
	t.Parallel()
	s := adminOnly(t)
	ctx := context.Background()
	tests := []struct {
		sql   string
		names []string
		types []string
	}{
		{"SELECT IS_ROLE_IN_SESSION($1), $2::INT AS n, CURRENT_ROLE()", []string{"IS_ROLE_IN_SESSION($1)", "N", "CURRENT_ROLE()"},
			[]string{"BOOLEAN", "FIXED", "TEXT"}},
		{"SELECT ?, IS_ROLE_IN_SESSION(?)", []string{"$1", "IS_ROLE_IN_SESSION($2)"}, []string{"TEXT", "BOOLEAN"}},
		{"SHOW ROLES LIKE $1", nil, nil},
		{"SELECT 1 + 2, 1 / 2, 'a' || 'b', NOT TRUE, NULL", []string{"1 + 2", "1 / 2", "'a' || 'b'", "NOT TRUE", "NULL"},
			[]string{"FIXED", "REAL", "TEXT", "BOOLEAN", "TEXT"}},
		{"CREATE ROLE never_created", []string{"status"}, []string{"TEXT"}},
		{"SHOW GRANTS TO ROLE PUBLIC", []string{"created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name", "grant_option", "granted_by"}, nil},
	}
	for _, tc := range tests {
		cols, err := s.Describe(ctx, tc.sql)
		require.NoError(t, err, tc.sql)
		var names, types []string
		for _, c := range cols {
			names = append(names, c.Name)
			types = append(types, c.Type)
		}
		if tc.names != nil {
			require.Equal(t, tc.names, names, tc.sql)
		}
		if tc.types != nil {
			require.Equal(t, tc.types, types, tc.sql)
		}
	}
	// Describing changed nothing.
	_, err := s.Execute(ctx, "DROP ROLE never_created")
	require.Error(t, err)

	_, err = s.Describe(ctx, "SELEC 1")
	require.Error(t, err)
}

// Every statement of the conformance suite is described with the columns
// it then returns: names in order, and the type of every non-NULL value.
func TestDescribeAgreesWithExecute(t *testing.T) {
	t.Parallel()
	rep, err := conformance.Run(context.Background(), &describing{t: t}, "../conformance/testdata")
	require.NoError(t, err)
	require.True(t, rep.OK(), "%v", rep.Failures)
}

type describing struct{ t *testing.T }

func (*describing) Name() string { return "inproc" }

func (d *describing) OpenAccount(context.Context) (conformance.Account, error) {
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot("..") // the suite names application folders from the repository root
	return &describingAccount{t: d.t, eng: eng}, nil
}

type describingAccount struct {
	t   *testing.T
	eng *sqlengine.Engine
}

func (a *describingAccount) Admin() conformance.Login {
	return conformance.Login{User: "ADMIN", Password: "admin", Role: "ACCOUNTADMIN"}
}

func (a *describingAccount) Open(ctx context.Context, l conformance.Login) (conformance.Session, error) {
	s, err := a.eng.Open(ctx, sqlengine.Login{User: l.User, Password: l.Password, Role: l.Role})
	if err != nil {
		return nil, err
	}
	return &describingSession{t: a.t, s: s}, nil
}

func (a *describingAccount) Close() error { return nil }

type describingSession struct {
	t *testing.T
	s *sqlengine.Session
}

func (d *describingSession) Close() error { return nil }

func (d *describingSession) Exec(ctx context.Context, sql string) (*conformance.Result, error) {
	described, derr := d.s.Describe(ctx, sql)
	res, err := d.s.Execute(ctx, sql)
	if err != nil {
		return nil, err
	}
	if derr != nil {
		d.t.Errorf("%s: described with error %v, executed fine", sql, derr)
	}
	cols := res.Columns()
	out := &conformance.Result{}
	for _, c := range cols {
		out.Columns = append(out.Columns, c.Name)
	}
	if derr == nil && len(described) != len(cols) {
		d.t.Errorf("%s: described %d columns, got %d", sql, len(described), len(cols))
		described = nil
	}
	for i := 0; derr == nil && i < len(described); i++ {
		if described[i].Name != cols[i].Name {
			d.t.Errorf("%s: column %d described as %q, named %q", sql, i, described[i].Name, cols[i].Name)
		}
	}
	for {
		row := make([]any, len(cols))
		if err := res.Next(row); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		for i, v := range row {
			if v != nil && i < len(described) && described[i].Type != cols[i].Type {
				d.t.Errorf("%s: column %s described as %s, is %s", sql, cols[i].Name, described[i].Type, cols[i].Type)
			}
		}
		out.Rows = append(out.Rows, row)
	}
}
