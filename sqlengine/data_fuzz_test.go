package sqlengine

import (
	"testing"

	"github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/frostgate/frostgate/sferr"
)

// rewriteSeeds are statements of the forms the rewriter handles.
var rewriteSeeds = []string{
	`SELECT * FROM t`,
	`select a, "b", t.c AS x, count(*) from d.s.t t where a > 1 and b is not null group by 1, 2, 3 having count(*) > 1 order by x desc nulls last limit 10 offset 2`,
	`SELECT a::NUMBER(10,2), b || 'x', IFF(a > 0, 'p', 'n'), NVL(b, 0), COALESCE(a, b, 1) FROM t`,
	`WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r`,
	`SELECT e.a FROM t e LEFT OUTER JOIN u ON e.a = u.a FULL JOIN v USING (a) CROSS JOIN w`,
	`SELECT a FROM t WHERE a IN (SELECT a FROM u) AND EXISTS (SELECT 1 FROM v WHERE v.a = t.a) AND b NOT LIKE 'x%' ESCAPE '!'`,
	`SELECT a, ROW_NUMBER() OVER (PARTITION BY b ORDER BY c DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t QUALIFY ROW_NUMBER() OVER (ORDER BY a) = 1`,
	`SELECT v:a.b[0]::STRING, v['k'], PARSE_JSON('{"a":1}'), TO_VARCHAR(1), DATEADD(day, 1, CURRENT_DATE) FROM t`,
	`SELECT a FROM t UNION ALL SELECT a FROM u MINUS SELECT a FROM v INTERSECT SELECT 1 ORDER BY 1`,
	`SELECT TOP 3 * FROM t`,
	`SELECT * FROM t OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY`,
	`SELECT * FROM VALUES (1, 'a'), (2, 'b') AS v (x, y)`,
	`SELECT CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END, CASE a WHEN 1 THEN 'x' END, DECODE(a, 1, 'one', 'other') FROM t`,
	`SELECT LISTAGG(a, ',') WITHIN GROUP (ORDER BY a) FROM t`,
	`INSERT INTO t VALUES (1, 'a'), (2, DEFAULT)`,
	`INSERT INTO t (a, b) SELECT a, b FROM u WHERE a BETWEEN 1 AND 2`,
	`UPDATE t SET a = 1, b = b || 'x' WHERE a IS DISTINCT FROM 2`,
	`UPDATE t x SET a = u.a FROM u WHERE x.b = u.b`,
	`DELETE FROM t WHERE a IN (SELECT a FROM u)`,
	`DELETE FROM t USING u WHERE t.a = u.a`,
	`SELECT $x, CURRENT_ROLE(), 'it''s', $$dollar$$, 1e3, -.5 FROM IDENTIFIER('d.s.t')`,
	`SELECT * FROM (SELECT a FROM t) WHERE a ILIKE 'x' OR a RLIKE 'y.*'`,
	`SELECT * FROM reference('consumer_table') AS T JOIN reference('t2', 'alias') u ON T.a = u.a WHERE T.a IN (SELECT a FROM reference('t3'))`,
	`INSERT INTO reference('data_export')(C1, C2) SELECT T.C1, T.C2 FROM reference('other_table') AS T`,
	`UPDATE reference('x') SET a = 1 WHERE b = 2`,
	`DELETE FROM reference('x') r WHERE r.a = 1`,
	`MERGE INTO reference('x') d USING reference('y') s ON d.a = s.a WHEN MATCHED THEN DELETE`,
	`SELECT reference, reference.reference FROM reference`,
	`SELECT UPPER(SYSTEM$REFERENCE('TABLE', t.name, 'SESSION', 'SELECT')), SYSTEM$QUERY_REFERENCE('SELECT 1') FROM t`,
	`MERGE INTO t USING s ON t.a = s.a WHEN MATCHED AND s.b = 1 THEN DELETE WHEN MATCHED THEN UPDATE SET b = s.b WHEN NOT MATCHED THEN INSERT (a, b) VALUES (s.a, s.b)`,
	`MERGE INTO t x USING (SELECT * FROM s) y ON x.a = y.a WHEN NOT MATCHED AND y.b > 0 THEN INSERT VALUES (y.a, y.b)`,
}

// statementsOf returns every statement a rewrite produced.
func statementsOf(out *rewritten) []string {
	if m := out.merge; m != nil {
		var all []string
		if m.matched != "" {
			all = append(all, m.matched)
		}
		return append(all, m.inserts...)
	}
	return []string{out.sql}
}

// FuzzRewrite checks that the rewriter never panics, fails only with a
// Snowflake error, and produces only text go-mysql-server's parser reads.
func FuzzRewrite(f *testing.F) {
	for _, s := range rewriteSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := rewriteStatement(src, &fakeResolver{})
		if err != nil {
			if sferr.As(err) == nil {
				t.Fatalf("rewrite(%q): not a Snowflake error: %v", src, err)
			}
			return
		}
		for _, q := range statementsOf(out) {
			if _, err := sqlparser.Parse(q); err != nil {
				t.Fatalf("rewrite(%q) = %q, which does not parse: %v", src, q, err)
			}
		}
	})
}

// TestRewriteSeedsParse runs the seeds in normal test runs.
func TestRewriteSeedsParse(t *testing.T) {
	for _, s := range rewriteSeeds {
		out, err := rewriteStatement(s, &fakeResolver{})
		if err != nil {
			t.Fatalf("rewrite(%q): %v", s, err)
		}
		for _, q := range statementsOf(out) {
			if _, err := sqlparser.Parse(q); err != nil {
				t.Fatalf("rewrite(%q) = %q, which does not parse: %v", s, q, err)
			}
		}
	}
}
