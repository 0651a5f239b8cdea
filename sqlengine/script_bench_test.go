package sqlengine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// Benchmarks of Snowflake Scripting: every expression is a SELECT through
// the engine, so a loop round costs about one constant SELECT. No test
// fails on a timing.

// BenchmarkScriptLoop runs a 100-round FOR loop with one assignment.
func BenchmarkScriptLoop(b *testing.B) {
	s := scriptSession(b)
	ctx := context.Background()
	q := "DECLARE x INTEGER DEFAULT 0; BEGIN FOR i IN 1 TO 100 DO x := x + i; END FOR; RETURN x; END"
	b.ResetTimer()
	for b.Loop() {
		res, err := s.Execute(ctx, q)
		require.NoError(b, err)
		require.Len(b, res.Columns(), 1)
	}
}

// BenchmarkScriptCallback calls a register callback of the documentation's
// CASE form, the body an application's reference binding runs.
func BenchmarkScriptCallback(b *testing.B) {
	s := scriptSession(b)
	ctx := context.Background()
	_, err := s.Execute(ctx, `CREATE PROCEDURE CB(REF_NAME STRING, OPERATION STRING, REF_OR_ALIAS STRING)
RETURNS STRING LANGUAGE SQL AS $$
BEGIN
  CASE (operation)
    WHEN 'ADD' THEN RETURN 'add';
    WHEN 'REMOVE' THEN RETURN 'remove';
    WHEN 'CLEAR' THEN RETURN 'clear';
  ELSE
    RETURN 'unknown operation: ' || operation;
  END CASE;
END
$$`)
	require.NoError(b, err)
	b.ResetTimer()
	for b.Loop() {
		_, err := s.Execute(ctx, "CALL CB('r', 'CLEAR', '')")
		require.NoError(b, err)
	}
}
