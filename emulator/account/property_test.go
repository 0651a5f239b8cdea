package account

import (
	"fmt"
	"math/rand"
	"sort"
	"sync"
	"testing"
)

// TestEveryOpHasRule: a new operation without a rule fails CI (Polaris's
// allOperationsHaveExplicitRbacSemantics).
func TestEveryOpHasRule(t *testing.T) {
	for op := Op(1); op < numOps; op++ {
		if _, ok := RuleFor(op); !ok {
			t.Errorf("operation %s has no rule", op)
		}
	}
}

// naiveHolds walks the role graph from scratch: the reference the indexed
// check must agree with.
func naiveHolds(a *Account, from PrincipalID, o *object, p Privilege) bool {
	seen := map[PrincipalID]bool{}
	var walk func(PrincipalID) bool
	walk = func(r PrincipalID) bool {
		if seen[r] {
			return false
		}
		seen[r] = true
		if o.owner == r {
			return true
		}
		for _, e := range o.acl {
			if e.grantee == r {
				for _, rec := range e.recs {
					if rec.priv == p {
						return true
					}
				}
			}
		}
		for _, c := range a.principals[r].holds {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(from) || walk(a.public)
}

func hasCycle(a *Account) bool {
	state := map[PrincipalID]int{}
	var visit func(PrincipalID) bool
	visit = func(p PrincipalID) bool {
		switch state[p] {
		case 1:
			return true
		case 2:
			return false
		}
		state[p] = 1
		for _, c := range a.principals[p].holds {
			if visit(c) {
				return true
			}
		}
		state[p] = 2
		return false
	}
	for i := range a.principals {
		if visit(PrincipalID(i)) {
			return true
		}
	}
	return false
}

// TestRandomGrantSequencesKeepInvariants plays random GRANT / REVOKE /
// GRANT ROLE / REVOKE ROLE sequences and checks after each step: the role
// graph has no cycle, SHOW GRANTS TO ROLE lists exactly the explicit grants,
// and the indexed check agrees with a naive walk of the graph.
func TestRandomGrantSequencesKeepInvariants(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	a := New(Config{})
	admin, err := a.Login("ADMIN", "admin", "")
	if err != nil {
		t.Fatal(err)
	}
	const nRoles, nTables = 12, 6
	roleName := func(i int) string { return fmt.Sprintf("R%d", i) }
	for i := 0; i < nRoles; i++ {
		if _, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindRole, Path: []string{roleName(i)}}}); err != nil {
			t.Fatal(err)
		}
		// The checking sessions below log in as ADMIN with each role as primary.
		if _, err := a.GrantRole(admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{roleName(i)}},
			To: Grantee{Kind: KindUser, Path: []string{"ADMIN"}}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}}); err != nil {
		t.Fatal(err)
	}
	tables := make([]Ref, nTables)
	for i := range tables {
		tables[i] = Ref{Kind: KindTable, Path: []string{"D", "PUBLIC", fmt.Sprintf("T%d", i)}}
		if _, err := a.Create(admin, CreateSpec{Ref: tables[i]}); err != nil {
			t.Fatal(err)
		}
	}
	privs := []string{"SELECT", "INSERT", "UPDATE"}
	explicit := map[string]bool{} // "ROLE|TABLE|PRIV"
	cycles := 0
	for step := 0; step < 3000; step++ {
		r1, r2 := rng.Intn(nRoles), rng.Intn(nRoles)
		tbl, pv := rng.Intn(nTables), privs[rng.Intn(len(privs))]
		to := Grantee{Kind: KindRole, Path: []string{roleName(r1)}}
		switch rng.Intn(4) {
		case 0:
			if _, err := a.GrantPrivileges(admin, GrantSpec{Privileges: []string{pv}, On: Target{Object: tables[tbl]}, To: to}); err != nil {
				t.Fatal(err)
			}
			explicit[fmt.Sprintf("%s|%s|%s", roleName(r1), a.fqnOfRef(tables[tbl]), pv)] = true
		case 1:
			if err := a.RevokePrivileges(admin, RevokeSpec{Privileges: []string{pv}, On: Target{Object: tables[tbl]}, From: to}); err != nil {
				t.Fatal(err)
			}
			delete(explicit, fmt.Sprintf("%s|%s|%s", roleName(r1), a.fqnOfRef(tables[tbl]), pv))
		case 2:
			_, err := a.GrantRole(admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{roleName(r2)}}, To: to})
			if e, ok := err.(*Error); ok && e.Code == ErrCycle {
				cycles++
			} else if err != nil {
				t.Fatal(err)
			}
		case 3:
			if err := a.RevokeRole(admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{roleName(r2)}}, To: to}); err != nil {
				t.Fatal(err)
			}
		}
		if hasCycle(a) {
			t.Fatalf("step %d: the role graph has a cycle", step)
		}
		if step%50 != 0 {
			continue
		}
		for i := 0; i < nRoles; i++ {
			rows, err := a.ShowGrantsTo(admin, Grantee{Kind: KindRole, Path: []string{roleName(i)}})
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, r := range rows {
				if r.GrantedOn == "TABLE" {
					got = append(got, fmt.Sprintf("%s|%s|%s", roleName(i), r.Name, r.Privilege))
				}
			}
			for k := range explicit {
				if k[:len(roleName(i))+1] == roleName(i)+"|" {
					want = append(want, k)
				}
			}
			sort.Strings(got)
			sort.Strings(want)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("step %d: SHOW GRANTS TO ROLE %s = %v, want %v", step, roleName(i), got, want)
			}
			act := a.newActor(admin.user, a.lookupRole(roleName(i)).principal, SecondaryNone)
			for _, tr := range tables {
				o := a.lookup(KindTable, tr.Path, nil)
				for _, pv := range privs {
					got := a.meets(act, refreshed(act), o, needPriv(pv))
					if want := naiveHolds(a, act.primary, o, mustPriv(pv)); got != want {
						t.Fatalf("step %d: %s %s on %s: indexed %v, naive %v", step, roleName(i), pv, tr, got, want)
					}
				}
			}
		}
	}
	if cycles == 0 {
		t.Fatal("the random sequence never tried a cycle; the test would not notice a missing check")
	}
}

func refreshed(x *Actor) *roleSet { x.refresh(); return &x.active }

func (a *Account) fqnOfRef(r Ref) string { return QualifiedName(r.Path...) }

// TestConcurrentSessions runs many sessions granting, revoking and checking
// at once; run under -race it proves the account's locking.
func TestConcurrentSessions(t *testing.T) {
	a := New(Config{})
	admin, _ := a.Login("ADMIN", "admin", "")
	if _, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}}); err != nil {
		t.Fatal(err)
	}
	tbl := Ref{Kind: KindTable, Path: []string{"D", "PUBLIC", "T"}}
	if _, err := a.Create(admin, CreateSpec{Ref: tbl}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 8; i++ {
		if _, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindRole, Path: []string{fmt.Sprintf("C%d", i)}}}); err != nil {
			t.Fatal(err)
		}
	}
	id, err := a.Lookup(admin, tbl)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			sess, err := a.Login("ADMIN", "admin", "")
			if err != nil {
				t.Error(err)
				return
			}
			role := Grantee{Kind: KindRole, Path: []string{fmt.Sprintf("C%d", w)}}
			next := Ref{Kind: KindRole, Path: []string{fmt.Sprintf("C%d", (w+1)%8)}}
			for i := 0; i < 200; i++ {
				if _, err := a.GrantPrivileges(sess, GrantSpec{Privileges: []string{"SELECT"}, On: Target{Object: tbl}, To: role}); err != nil {
					t.Error(err)
					return
				}
				_, _ = a.GrantRole(sess, RoleGrantSpec{Role: next, To: role}) // may be refused as a cycle
				if !a.Authorize(sess, OpSelect, id).Allowed {
					t.Error("the owner's session lost SELECT")
					return
				}
				if _, err := a.ShowGrantsOn(sess, tbl); err != nil {
					t.Error(err)
					return
				}
				_ = a.RevokeRole(sess, RoleGrantSpec{Role: next, To: role})
				if err := a.RevokePrivileges(sess, RevokeSpec{Privileges: []string{"SELECT"}, On: Target{Object: tbl}, From: role}); err != nil {
					t.Error(err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	if hasCycle(a) {
		t.Fatal("concurrent grants left a cycle")
	}
}
