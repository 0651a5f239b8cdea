package account

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// benchAccount builds an account with nRoles roles in chains of depth 20
// (each role granted to the next) and nGrants privilege grants spread over
// tables, ten grantees per table, through the public API.
type benchWorld struct {
	a      *Account
	admin  *Actor
	user   *Actor // primary role: the top of chain 0
	tables []ObjectID
	leaf   PrincipalID
}

const chainDepth = 20

func buildWorld(tb testing.TB, nRoles, nGrants int) *benchWorld {
	tb.Helper()
	a := New(Config{})
	admin, err := a.Login("ADMIN", "admin", "")
	if err != nil {
		tb.Fatal(err)
	}
	must := func(_ any, err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i < nRoles; i++ {
		must(a.Create(admin, CreateSpec{Ref: Ref{Kind: KindRole, Path: []string{fmt.Sprintf("R%d", i)}}}))
		if i%chainDepth != 0 {
			must(a.GrantRole(admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{fmt.Sprintf("R%d", i-1)}},
				To: Grantee{Kind: KindRole, Path: []string{fmt.Sprintf("R%d", i)}}}))
		}
	}
	must(a.Create(admin, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}}))
	nTables := nGrants / 10
	w := &benchWorld{a: a, admin: admin}
	privs := []string{"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"}
	for t := 0; t < nTables; t++ {
		ref := Ref{Kind: KindTable, Path: []string{"D", "PUBLIC", fmt.Sprintf("T%d", t)}}
		must(a.Create(admin, CreateSpec{Ref: ref}))
		w.tables = append(w.tables, a.lookup(KindTable, ref.Path, nil).id)
	}
	// Direct grants through the internal path: the public GRANT is measured
	// on its own below, and a million statements would only slow the setup.
	now := a.cfg.Now()
	for g := 0; g < nGrants; g++ {
		o := a.objects[w.tables[g/10]]
		role := a.lookupRole(fmt.Sprintf("R%d", (g*7919)%nRoles)).principal
		a.addGrant(o, role, mustPriv(privs[g%len(privs)]), false, admin.primary, now)
	}
	// The user works as the top of chain 0; SELECT on T0 is granted to its bottom.
	w.leaf = a.lookupRole("R0").principal
	a.addGrant(a.objects[w.tables[0]], w.leaf, PrivSelect, false, admin.primary, now)
	a.addGrant(a.objects[a.lookup(KindDatabase, []string{"D"}, nil).id], w.leaf, PrivUsage, false, admin.primary, now)
	a.addGrant(a.objects[a.lookup(KindSchema, []string{"D", "PUBLIC"}, nil).id], w.leaf, PrivUsage, false, admin.primary, now)
	top := a.lookupRole(fmt.Sprintf("R%d", chainDepth-1)).principal
	w.user = a.newActor(admin.user, top, SecondaryNone)
	a.principals[admin.user].holds = append(a.principals[admin.user].holds, top)
	a.roleGen++
	if d := a.Authorize(w.user, OpSelect, w.tables[0]); !d.Allowed {
		tb.Fatalf("setup: SELECT through a chain of %d roles should be allowed: %+v", chainDepth, d)
	}
	return w
}

var worlds sync.Map

func world(b *testing.B, nRoles, nGrants int) *benchWorld {
	key := [2]int{nRoles, nGrants}
	if w, ok := worlds.Load(key); ok {
		return w.(*benchWorld)
	}
	w := buildWorld(b, nRoles, nGrants)
	worlds.Store(key, w)
	return w
}

func benchCheck(b *testing.B, nGrants int) {
	w := world(b, 10000, nGrants)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !w.a.Authorize(w.user, OpSelect, w.tables[0]).Allowed {
			b.Fatal("denied")
		}
	}
}

// BenchmarkCheck is the hot path: may the session SELECT from a table,
// judged through a 20-deep role chain, at 10k and 1M grants.
func BenchmarkCheck10kGrants(b *testing.B) { benchCheck(b, 10_000) }
func BenchmarkCheck1MGrants(b *testing.B)  { benchCheck(b, 1_000_000) }

// BenchmarkCheckDenied measures a refusal (which builds the missing list).
func BenchmarkCheckDenied1MGrants(b *testing.B) {
	w := world(b, 10000, 1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if w.a.Authorize(w.user, OpInsert, w.tables[0]).Allowed {
			b.Fatal("allowed")
		}
	}
}

func BenchmarkGrantRevokePrivilege1MGrants(b *testing.B) {
	w := world(b, 10000, 1_000_000)
	g := GrantSpec{Privileges: []string{"REFERENCES"}, On: Target{Object: Ref{Kind: KindTable, Path: []string{"D", "PUBLIC", "T1"}}},
		To: Grantee{Kind: KindRole, Path: []string{"R5"}}}
	r := RevokeSpec{Privileges: g.Privileges, On: g.On, From: g.To}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := w.a.GrantPrivileges(w.admin, g); err != nil {
			b.Fatal(err)
		}
		if err := w.a.RevokePrivileges(w.admin, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGrantRole1MGrants(b *testing.B) {
	w := world(b, 10000, 1_000_000)
	g := RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{"R42"}}, To: Grantee{Kind: KindRole, Path: []string{"R9999"}}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := w.a.GrantRole(w.admin, g); err != nil {
			b.Fatal(err)
		}
		if err := w.a.RevokeRole(w.admin, g); err != nil {
			b.Fatal(err)
		}
		// The next check pays for the closures the change invalidated.
		w.a.Authorize(w.user, OpSelect, w.tables[0])
	}
}

func BenchmarkShowGrantsToRole10kRows(b *testing.B) {
	a := New(Config{})
	admin, _ := a.Login("ADMIN", "admin", "")
	_, _ = a.Create(admin, CreateSpec{Ref: Ref{Kind: KindRole, Path: []string{"BIG"}}})
	_, _ = a.Create(admin, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}})
	for t := 0; t < 2000; t++ {
		ref := Ref{Kind: KindTable, Path: []string{"D", "PUBLIC", fmt.Sprintf("T%d", t)}}
		_, _ = a.Create(admin, CreateSpec{Ref: ref})
		if _, err := a.GrantPrivileges(admin, GrantSpec{Privileges: []string{"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"},
			On: Target{Object: ref}, To: Grantee{Kind: KindRole, Path: []string{"BIG"}}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, err := a.ShowGrantsTo(admin, Grantee{Kind: KindRole, Path: []string{"BIG"}})
		if err != nil || len(rows) != 10000 {
			b.Fatal(len(rows), err)
		}
	}
}

// BenchmarkHeapPerGrant reports the heap the grants of a 1M-grant world
// take, per grant (bytes/grant), measured as the heap growth over building
// the same world without them.
func BenchmarkHeapPerGrant(b *testing.B) {
	for i := 0; i < b.N; i++ {
		heap := func(n int) uint64 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			before := m.HeapAlloc
			w := buildWorld(b, 10000, n)
			runtime.GC()
			runtime.ReadMemStats(&m)
			runtime.KeepAlive(w)
			return m.HeapAlloc - before
		}
		small, big := heap(100_000), heap(1_000_000)
		b.ReportMetric(float64(big-small)/900_000, "bytes/grant")
	}
}
