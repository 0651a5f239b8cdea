package sqlengine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// fakeResolver resolves every table name to a physical table named after
// it and records what it was asked, so the rewriter can be tested (and
// fuzzed) without an account.
type fakeResolver struct {
	asked []string // "OP NAME" per relation resolved
}

func (f *fakeResolver) relation(name ObjectName, op account.Op, dml bool) (relation, error) {
	if name.Last() == "DENIED" {
		return relation{}, sferr.ObjectNotFound("Object", name.String())
	}
	f.asked = append(f.asked, op.String()+" "+name.String())
	t := &tableDef{phys: "p_" + strings.ToLower(name.Last()), columns: []columnDef{{name: "A"}, {name: "B"}}}
	return relation{sql: physRef(t.phys), table: t, name: name.String(), alias: name.Last()}, nil
}

func (f *fakeResolver) binding(b *Binding, op account.Op, dml bool) (relation, error) {
	return f.relation(ObjectName{"BOUND_" + b.Name}, op, dml)
}

func (f *fakeResolver) sessionFunc(name string) (int, bool) {
	return 0, name == "SYSTEM$REFERENCE" || name == "SYSTEM$QUERY_REFERENCE"
}

func (f *fakeResolver) constant(name string) (string, bool) {
	if name == "CURRENT_ROLE" {
		return "'TESTER'", true
	}
	return "", false
}

func (f *fakeResolver) variable(name string) (string, error) {
	if name == "X" {
		return "42", nil
	}
	return "", sferr.SyntaxErrorMessage("Session variable '$" + name + "' does not exist")
}

func TestRewriteTranslations(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{`SELECT a FROM t`, "SELECT `A` FROM `p_t`.`t`"},
		{`select "a", t.b from s.t`, "SELECT `a`, `T`.`B` FROM `p_t`.`t` AS `T`"},
		{`SELECT a::INT FROM t x`, "SELECT ROUND(CAST(`A` AS DECIMAL(38,0)), 0) AS `A::INT` FROM `p_t`.`t` AS `X`"},
		{`SELECT a || 'x' || b FROM t`, "SELECT CONCAT(CONCAT(`A`, 'x'), `B`) AS `A || 'x' || B` FROM `p_t`.`t`"},
		{`SELECT IFF(a > 1, 'y', 'n'), NVL(b, 0) FROM t`,
			"SELECT IF((`A` > 1), 'y', 'n') AS `IFF(A > 1, 'y', 'n')`, IFNULL(`B`, 0) AS `NVL(B, 0)` FROM `p_t`.`t`"},
		{`SELECT a FROM t WHERE b ILIKE 'x%'`, "SELECT `A` FROM `p_t`.`t` WHERE (LOWER(`B`) LIKE LOWER('x%'))"},
		{`SELECT a FROM t ORDER BY a`, "SELECT `A` FROM `p_t`.`t` ORDER BY `A` IS NULL, `A`"},
		{`SELECT a FROM t ORDER BY a DESC`, "SELECT `A` FROM `p_t`.`t` ORDER BY `A` IS NULL DESC, `A` DESC"},
		{`SELECT v:k.m[0] FROM t`, "SELECT JSON_EXTRACT(`V`, '$.\"k\".\"m\"[0]') AS `V:K.M[0]` FROM `p_t`.`t`"},
		{`SELECT CURRENT_ROLE(), $x`, "SELECT 'TESTER' AS `CURRENT_ROLE()`, 42 AS `$X`"},
		{`SELECT 'it''s', $$a\b$$`, "SELECT 'it\\'s' AS `'it''s'`, 'a\\\\b' AS `$$a\\b$$`"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			out, err := rewriteStatement(tc.in, &fakeResolver{})
			require.NoError(t, err)
			require.Equal(t, tc.want, out.sql)
		})
	}
}

// Every relation a statement reads is resolved with SELECT, the DML target
// with its own operation, in the order written; CTE names are not tables.
func TestRewriteResolvesEveryRelation(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`INSERT INTO t SELECT * FROM s WHERE a IN (SELECT a FROM u)`, []string{"INSERT T", "SELECT S", "SELECT U"}},
		{`WITH c AS (SELECT a FROM s) SELECT * FROM c JOIN d.x.t ON c.a = t.a`, []string{"SELECT S", "SELECT D.X.T"}},
		{`UPDATE t SET a = (SELECT MAX(a) FROM s) FROM u WHERE t.a = u.a`, []string{"UPDATE T", "SELECT S", "SELECT U"}},
		{`DELETE FROM t USING s WHERE EXISTS (SELECT 1 FROM u)`, []string{"DELETE T", "SELECT S", "SELECT U"}},
		{`SELECT (SELECT 1 FROM a), x.* FROM (SELECT * FROM b) x, LATERALX`, []string{"SELECT A", "SELECT B", "SELECT LATERALX"}},
		{`WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r`, nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			f := &fakeResolver{}
			_, err := rewriteStatement(tc.in, f)
			require.NoError(t, err)
			require.Equal(t, tc.want, f.asked)
		})
	}
}

// The first refused relation fails the whole statement.
func TestRewriteStopsAtDenial(t *testing.T) {
	f := &fakeResolver{}
	_, err := rewriteStatement(`INSERT INTO t SELECT * FROM s JOIN denied ON TRUE JOIN u ON TRUE`, f)
	require.True(t, sferr.Is(err, 2003))
	require.Equal(t, []string{"INSERT T", "SELECT S"}, f.asked)
}

func TestRewriteErrors(t *testing.T) {
	for _, tc := range []struct {
		in     string
		number int
	}{
		{`SELECT * FROM`, 1003},
		{`SELECT a FROM t WHERE`, 1003},
		{`SELECT LOAD_FILE('/etc/passwd')`, 2140},
		{`SELECT USER() FROM t`, 2140},
		{`SELECT a FROM t QUALIFY`, 1003},
		{`SELECT IFF(a) FROM t`, 1044},
		{`SELECT ROW_NUMBER() FROM t`, 1044},
		{`SELECT a::GEOGRAPHY FROM t`, 2040},
		{`SELECT $nope`, 1003},
		{`INSERT INTO t VALUES (1)`, 2020},
		{`SELECT * EXCLUDE (a) FROM t`, 2},
	} {
		t.Run(tc.in, func(t *testing.T) {
			_, err := rewriteStatement(tc.in, &fakeResolver{})
			require.Error(t, err)
			require.True(t, sferr.Is(err, tc.number), "%v", err)
		})
	}
}

func (f *fakeResolver) variableValue(name string) (any, error) {
	if name == "X" {
		return "T", nil
	}
	return nil, sferr.SyntaxErrorMessage("Session variable '$" + name + "' does not exist")
}
