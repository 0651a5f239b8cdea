package account

import (
	"testing"
)

// relWorld: database D, schema D.S, table D.S.T and view D.S.V owned by
// role OWNER (which may read T), and a user U holding role READER, which
// holds USAGE on D and D.S and SELECT on V only.
type relWorld struct {
	a             *Account
	admin, reader *Actor
	table, view   ObjectID
}

func newRelWorld(t *testing.T) *relWorld {
	t.Helper()
	a := New(Config{})
	admin, err := a.Login("ADMIN", "admin", "")
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	create := func(k Kind, path ...string) ObjectID {
		t.Helper()
		id, _, err := a.CreateObject(admin, CreateSpec{Ref: Ref{Kind: k, Path: path}})
		must(err)
		return id
	}
	grant := func(priv string, k Kind, path []string, role string) {
		t.Helper()
		_, err := a.GrantPrivileges(admin, GrantSpec{Privileges: []string{priv},
			On: Target{Object: Ref{Kind: k, Path: path}}, To: Grantee{Kind: KindRole, Path: []string{role}}})
		must(err)
	}
	create(KindRole, "OWNER")
	create(KindRole, "READER")
	_, _, err = a.CreateObject(admin, CreateSpec{Ref: Ref{Kind: KindUser, Path: []string{"U"}},
		Props: map[string]string{"PASSWORD": "pw"}})
	must(err)
	_, err = a.GrantRole(admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{"READER"}},
		To: Grantee{Kind: KindUser, Path: []string{"U"}}})
	must(err)
	create(KindDatabase, "D")
	create(KindSchema, "D", "S")
	w := &relWorld{a: a, admin: admin}
	w.table = create(KindTable, "D", "S", "T")
	w.view = create(KindView, "D", "S", "V")
	for _, role := range []string{"OWNER", "READER"} {
		grant("USAGE", KindDatabase, []string{"D"}, role)
		grant("USAGE", KindSchema, []string{"D", "S"}, role)
	}
	grant("SELECT", KindTable, []string{"D", "S", "T"}, "OWNER")
	grant("SELECT", KindView, []string{"D", "S", "V"}, "READER")
	_, err = a.GrantOwnership(admin, OwnershipSpec{On: Target{Object: Ref{Kind: KindView, Path: []string{"D", "S", "V"}}},
		To: Grantee{Kind: KindRole, Path: []string{"OWNER"}}, CurrentGrants: CopyCurrentGrants})
	must(err)
	w.reader, err = a.Login("U", "pw", "READER")
	must(err)
	return w
}

func TestLookupRelationFindsTablesAndViews(t *testing.T) {
	w := newRelWorld(t)
	id, kind, err := w.a.LookupRelation(w.admin, []string{"D", "S", "V"})
	if err != nil || id != w.view || kind != KindView {
		t.Fatalf("view: %v %v %v", id, kind, err)
	}
	// The reader cannot see T: reported as a missing table, not a denial.
	_, _, err = w.a.LookupRelation(w.reader, []string{"D", "S", "T"})
	if e, ok := err.(*Error); !ok || e.Code != ErrNotFound || e.Name != "D.S.T" {
		t.Fatalf("invisible table: %v", err)
	}
	_, _, err = w.a.LookupRelation(w.reader, []string{"D", "NOPE", "T"})
	if e, ok := err.(*Error); !ok || e.Code != ErrNotFound || e.Kind != KindSchema {
		t.Fatalf("missing schema: %v", err)
	}
}

// A view's owner actor has the owner role's rights, whoever queries.
func TestOwnerActorHasOwnersRights(t *testing.T) {
	w := newRelWorld(t)
	if err := w.a.Check(w.reader, OpSelect, w.table); err == nil {
		t.Fatal("reader may read T directly")
	}
	if err := w.a.Check(w.reader, OpSelect, w.view); err != nil {
		t.Fatalf("reader may not read V: %v", err)
	}
	owner, err := w.a.OwnerActor(w.view)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.a.Check(owner, OpSelect, w.table); err != nil {
		t.Fatalf("V's owner may not read T: %v", err)
	}
	if err := w.a.Check(owner, OpInsert, w.table); err == nil {
		t.Fatal("V's owner may insert into T")
	}
}

// PrimaryOnly drops secondary roles: what CREATE VIEW checks a body with.
func TestPrimaryOnlyDropsSecondaryRoles(t *testing.T) {
	w := newRelWorld(t)
	if _, err := w.a.GrantRole(w.admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{"OWNER"}},
		To: Grantee{Kind: KindUser, Path: []string{"U"}}}); err != nil {
		t.Fatal(err)
	}
	if err := w.a.Check(w.reader, OpSelect, w.table); err != nil {
		t.Fatalf("with secondary roles ALL, OWNER's SELECT counts: %v", err)
	}
	if err := w.a.Check(w.reader.PrimaryOnly(), OpSelect, w.table); err == nil {
		t.Fatal("PrimaryOnly still uses the secondary role OWNER")
	}
}

func TestDiscardRemovesForGood(t *testing.T) {
	w := newRelWorld(t)
	w.a.Discard(w.table)
	if _, _, err := w.a.LookupRelation(w.admin, []string{"D", "S", "T"}); err == nil {
		t.Fatal("discarded table still found")
	}
	if err := w.a.Undrop(w.admin, Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}); err == nil {
		t.Fatal("discarded table undropped")
	}
	if _, _, err := w.a.CreateObject(w.admin, CreateSpec{Ref: Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}}); err != nil {
		t.Fatalf("name not free after Discard: %v", err)
	}
}

// ACCOUNT_USAGE is for sessions with ACCOUNTADMIN; INFORMATION_SCHEMA's
// grants are limited to what the session sees.
func TestMetadataVisibility(t *testing.T) {
	w := newRelWorld(t)
	if _, err := w.a.GrantsToRoles(w.reader); err == nil {
		t.Fatal("reader reads GRANTS_TO_ROLES")
	}
	all, err := w.a.GrantsToRoles(w.admin)
	if err != nil || len(all) == 0 {
		t.Fatalf("admin: %d rows, %v", len(all), err)
	}
	gs, err := w.a.GrantsInDatabase(w.reader, "D")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Object == "T" {
			t.Fatalf("reader sees grants on the invisible T: %+v", g)
		}
	}
	roles := w.a.EnabledRoles(w.reader)
	if len(roles) != 2 || roles[0].Name != "PUBLIC" || roles[1].Name != "READER" {
		t.Fatalf("enabled roles: %+v", roles)
	}
}
