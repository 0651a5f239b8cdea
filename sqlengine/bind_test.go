package sqlengine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sqlengine"
)

func TestParams(t *testing.T) {
	t.Parallel()
	for sql, want := range map[string]int{
		"SELECT 1":                          0,
		"SELECT $1, $3":                     3,
		"SELECT ?, ?":                       2,
		"SELECT '$1 ?', \"$2\" -- $4 ?\n":   0,
		"SET v = 1; SELECT $v":              0,
		"SELECT $$ $1 $$, /* ? */ $2":       2,
		"SELECT IS_ROLE_IN_SESSION($1)":     1,
		"SELECT IS_ROLE_IN_SESSION(?) -- ?": 1,
	} {
		require.Equal(t, want, sqlengine.Params(sql), sql)
	}
}

func TestBind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, sql string
		args      []any
		want      string
	}{
		{"dollar", "SELECT $2, $1", []any{int64(1), "a"}, "SELECT 'a', 1"},
		{"question", "SELECT ?, ?", []any{true, nil}, "SELECT TRUE, NULL"},
		{"quotes", "SELECT $1", []any{`it's \ here`}, `SELECT 'it''s \\ here'`},
		{"injection stays a string", "SELECT IS_ROLE_IN_SESSION($1)", []any{"x'); DROP ROLE R; --"},
			`SELECT IS_ROLE_IN_SESSION('x''); DROP ROLE R; --')`},
		{"float", "SELECT $1, $2", []any{2.5, float64(3)}, "SELECT 2.5, 3.0"},
		{"untouched inside strings", "SELECT '$1', $1", []any{int32(7)}, "SELECT '$1', 7"},
		{"no args", "SELECT $1", nil, "SELECT $1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := sqlengine.Bind(tc.sql, tc.args)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
	_, err := sqlengine.Bind("SELECT $3", []any{1})
	require.ErrorContains(t, err, "parameter 3")
	_, err = sqlengine.Bind("SELECT $1", []any{struct{}{}})
	require.ErrorContains(t, err, "unsupported argument type")
}

// A bound string is one value however it is written.
func TestBoundArgumentRunsAsAValue(t *testing.T) {
	t.Parallel()
	s := adminOnly(t)
	sql, err := sqlengine.Bind("SELECT IS_ROLE_IN_SESSION($1)", []any{"PUBLIC') OR ('x"})
	require.NoError(t, err)
	res, err := s.Execute(context.Background(), sql)
	require.NoError(t, err)
	row := make([]any, 1)
	require.NoError(t, res.Next(row))
	require.Equal(t, false, row[0])
}
