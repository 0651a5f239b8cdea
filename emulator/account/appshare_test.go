package account

import "testing"

// Package shared content: what is granted to the package's share is what an
// application installed from it reads, under app.<schema>, and nothing more;
// the share takes only reads of the package's objects and REFERENCE_USAGE.
func TestPackageSharedContent(t *testing.T) {
	a, admin := installable(t)
	table := func(path ...string) {
		t.Helper()
		_, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindTable, Path: path}})
		mustNo(t, err)
	}
	_, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"P", "SHARED"}}})
	mustNo(t, err)
	_, err = a.Create(admin, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"P", "HIDDEN"}}})
	mustNo(t, err)
	table("P", "SHARED", "T")
	table("P", "SHARED", "SECRET")
	table("P", "HIDDEN", "T")
	_, err = a.Create(admin, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}})
	mustNo(t, err)
	table("D", "PUBLIC", "T")

	share := Grantee{Kind: KindApplicationPackage, Path: []string{"P"}}
	grant := func(priv string, k Kind, path ...string) error {
		_, err := a.GrantPrivileges(admin, GrantSpec{Privileges: []string{priv},
			On: Target{Object: Ref{Kind: k, Path: path}}, To: share})
		return err
	}
	mustNo(t, grant("REFERENCE_USAGE", KindDatabase, "D"))
	mustNo(t, grant("USAGE", KindSchema, "P", "SHARED"))
	mustNo(t, grant("SELECT", KindTable, "P", "SHARED", "T"))
	mustNo(t, grant("SELECT", KindTable, "P", "HIDDEN", "T"))
	for _, bad := range []func() error{
		func() error { return grant("INSERT", KindTable, "P", "SHARED", "T") },
		func() error { return grant("SELECT", KindTable, "D", "PUBLIC", "T") },
		func() error { return grant("USAGE", KindDatabase, "D") },
		func() error { return grant("CREATE TABLE", KindSchema, "P", "SHARED") },
	} {
		if bad() == nil {
			t.Fatal("a grant the share cannot take was made")
		}
	}

	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	shared, _, err := a.LookupRelation(app, []string{"APP", "SHARED", "T"})
	mustNo(t, err)
	if want, _ := a.Lookup(admin, Ref{Kind: KindTable, Path: []string{"P", "SHARED", "T"}}); shared != want {
		t.Fatalf("APP.SHARED.T is %d, not the package's table %d", shared, want)
	}
	if !a.Authorize(app, OpSelect, shared).Allowed || a.Authorize(app, OpInsert, shared).Allowed {
		t.Fatal("the application should read the shared table and not write it")
	}
	if _, _, err := a.LookupRelation(app, []string{"APP", "SHARED", "SECRET"}); err == nil {
		t.Fatal("the application sees a table not granted to the share")
	}
	if _, _, err := a.LookupRelation(app, []string{"APP", "HIDDEN", "T"}); err == nil {
		t.Fatal("the application sees a schema the share has no USAGE on")
	}
	// The application's owner reaches none of it through the application.
	if _, _, err := a.LookupRelation(admin, []string{"APP", "SHARED", "T"}); err == nil {
		t.Fatal("the application's owner sees the shared table")
	}
	// A schema of the application's own comes first.
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"APP", "SHARED"}}})
	mustNo(t, err)
	if _, _, err := a.LookupRelation(app, []string{"APP", "SHARED", "T"}); err == nil {
		t.Fatal("the application's own schema SHARED should hide the package's")
	}

	// Dropping the package takes its content and the share's grants with it.
	_, err = a.DropApplicationPackage(admin, "P", false)
	mustNo(t, err)
	if _, err := a.Lookup(admin, Ref{Kind: KindSchema, Path: []string{"P", "SHARED"}}); err == nil {
		t.Fatal("the package's schema outlived it")
	}
	rows, err := a.ShowGrantsOn(admin, Ref{Kind: KindDatabase, Path: []string{"D"}})
	mustNo(t, err)
	for _, r := range rows {
		if r.Privilege == "REFERENCE_USAGE" {
			t.Fatalf("the share's grant outlived the package: %+v", r)
		}
	}
}

// A shared view's body, read by the application, reaches another database
// only where the share holds REFERENCE_USAGE on it.
func TestSharedViewNeedsReferenceUsage(t *testing.T) {
	a, admin := installable(t)
	for _, r := range []Ref{
		{Kind: KindSchema, Path: []string{"P", "S"}},
		{Kind: KindView, Path: []string{"P", "S", "V"}},
		{Kind: KindDatabase, Path: []string{"D"}},
		{Kind: KindTable, Path: []string{"D", "PUBLIC", "T"}},
	} {
		_, err := a.Create(admin, CreateSpec{Ref: r})
		mustNo(t, err)
	}
	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	view, err := a.Lookup(admin, Ref{Kind: KindView, Path: []string{"P", "S", "V"}})
	mustNo(t, err)
	body, err := a.OwnerActorFor(view, app)
	mustNo(t, err)
	if _, _, err := a.LookupRelation(body, []string{"D", "PUBLIC", "T"}); err == nil {
		t.Fatal("a shared view's body read a database without REFERENCE_USAGE")
	}
	// The provider reading its own view is not bound by it.
	own, err := a.OwnerActorFor(view, admin)
	mustNo(t, err)
	_, _, err = a.LookupRelation(own, []string{"D", "PUBLIC", "T"})
	mustNo(t, err)
	_, err = a.GrantPrivileges(admin, GrantSpec{Privileges: []string{"REFERENCE_USAGE"},
		On: Target{Object: Ref{Kind: KindDatabase, Path: []string{"D"}}},
		To: Grantee{Kind: KindApplicationPackage, Path: []string{"P"}}})
	mustNo(t, err)
	_, _, err = a.LookupRelation(body, []string{"D", "PUBLIC", "T"})
	mustNo(t, err)
}
