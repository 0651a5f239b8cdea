package account

import (
	"errors"
	"fmt"
	"sort"
	"testing"
)

// state is a fingerprint of everything an install may touch: names, undrop
// stacks, role grants, ACLs, ownership indexes, future grants, applications.
func state(a *Account) string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	var lines []string
	for k, id := range a.names {
		lines = append(lines, fmt.Sprintf("name %v=%d", k, id))
	}
	for k, st := range a.dropped {
		lines = append(lines, fmt.Sprintf("dropped %v=%v", k, st))
	}
	for e, g := range a.roleGrants {
		lines = append(lines, fmt.Sprintf("role %v opt=%v by=%d", e, g.opt, g.grantor))
	}
	for _, o := range a.objects[1:] {
		if o.dropped {
			continue
		}
		lines = append(lines, fmt.Sprintf("obj %d %s owner=%d children=%d acl=%v", o.id, o.name, o.owner,
			len(o.children), o.acl))
	}
	for _, p := range a.principals[1:] {
		if a.objects[p.obj].dropped {
			continue
		}
		lines = append(lines, fmt.Sprintf("principal %d holds=%v heldBy=%v owns=%v grantsOn=%v", p.id, p.holds,
			p.heldBy, sortedIDs(p.owns), sortedIDs(p.grantsOn)))
	}
	for k, fs := range a.future {
		lines = append(lines, fmt.Sprintf("future %v=%v", k, fs))
	}
	lines = append(lines, fmt.Sprintf("apps %d", len(a.apps)))
	sort.Strings(lines)
	return fmt.Sprint(lines)
}

func mustNo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// installable returns an account with a package P holding version V1, and
// the admin's actor.
func installable(t *testing.T) (*Account, *Actor) {
	t.Helper()
	a := New(Config{})
	admin, err := a.Login("ADMIN", "admin", "")
	mustNo(t, err)
	_, err = a.CreateApplicationPackage(admin, "P", false)
	mustNo(t, err)
	mustNo(t, a.AddApplicationVersion(admin, "P", "V1", nil, nil, nil))
	return a, admin
}

// A failed install leaves the account exactly as it was: what the setup
// script created (schemas, tables, application roles, grants among them and
// to the owner) is gone, and the name is free again.
func TestDiscardApplicationRestoresTheAccount(t *testing.T) {
	a, admin := installable(t)
	_, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}})
	mustNo(t, err)
	before := state(a)

	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "R1", "", false, false)
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "R2", "", false, false)
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"APP", "S"}}})
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindTable, Path: []string{"APP", "S", "T"}}})
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindTable, Path: []string{"APP", "S", "GONE"}}})
	mustNo(t, err)
	_, err = a.Drop(app, DropSpec{Ref: Ref{Kind: KindTable, Path: []string{"APP", "S", "GONE"}}})
	mustNo(t, err)
	_, err = a.GrantPrivileges(app, GrantSpec{Privileges: []string{"SELECT"},
		On: Target{Object: Ref{Kind: KindTable, Path: []string{"APP", "S", "T"}}},
		To: Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R1"}}})
	mustNo(t, err)
	// Future grants inside the application, to its roles (spec §2.3).
	out, err := a.GrantPrivileges(app, GrantSpec{Privileges: []string{"SELECT"},
		On: Target{Scope: ScopeFuture, Kind: KindTable, Container: Ref{Kind: KindSchema, Path: []string{"APP", "S"}}},
		To: Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R2"}}})
	mustNo(t, err)
	if out != Granted {
		t.Fatalf("future grant by the application: %v", out)
	}
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindTable, Path: []string{"APP", "S", "LATER"}}})
	mustNo(t, err)
	rows, err := a.ShowGrantsTo(admin, Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R2"}})
	mustNo(t, err)
	found := false
	for _, r := range rows {
		found = found || r.Name == "APP.S.LATER" && r.Privilege == "SELECT"
	}
	if !found {
		t.Fatalf("the future grant did not apply: %+v", rows)
	}
	_, err = a.GrantRole(app, RoleGrantSpec{Role: Ref{Kind: KindApplicationRole, Path: []string{"APP", "R1"}},
		To: Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R2"}}})
	mustNo(t, err)
	_, err = a.GrantPrivileges(admin, GrantSpec{Privileges: []string{"CREATE DATABASE"}, On: Target{Object: Ref{Kind: KindAccount}},
		To: Grantee{Kind: KindApplication, Path: []string{"APP"}}})
	mustNo(t, err)
	if state(a) == before {
		t.Fatal("the install changed nothing")
	}

	removed := a.DiscardApplication(id)
	if len(removed) != 8 { // the application, its INFORMATION_SCHEMA, R1, R2, S, T, LATER and the dropped GONE
		t.Fatalf("removed %v", removed)
	}
	if got := state(a); got != before {
		t.Fatalf("account differs after the discard:\nbefore %s\nafter  %s", before, got)
	}
	if _, _, err := a.CreateApplication(admin, "APP", "P", "V1", ""); err != nil {
		t.Fatalf("name not free again: %v", err)
	}
}

// The application acts with nothing of the account's: not PUBLIC's grants,
// not its owner's roles.
func TestApplicationInheritsNothing(t *testing.T) {
	a, admin := installable(t)
	_, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}})
	mustNo(t, err)
	_, err = a.GrantPrivileges(admin, GrantSpec{Privileges: []string{"USAGE"},
		On: Target{Object: Ref{Kind: KindDatabase, Path: []string{"D"}}}, To: Grantee{Kind: KindRole, Path: []string{"PUBLIC"}}})
	mustNo(t, err)
	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	var ae *Error
	if _, err := a.Lookup(app, Ref{Kind: KindDatabase, Path: []string{"D"}}); !errors.As(err, &ae) || ae.Code != ErrNotFound {
		t.Fatalf("the application sees D through PUBLIC: %v", err)
	}
	if _, err := a.Create(app, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"D", "S"}}}); err == nil {
		t.Fatal("the application created a schema in a consumer database")
	}
	if a.IsRoleInSession(app, "PUBLIC") || a.IsRoleInSession(app, "ACCOUNTADMIN") {
		t.Fatal("the application has account roles in session")
	}
	for _, r := range []string{"ACCOUNTADMIN", "PUBLIC"} {
		if err := a.UseRole(app, r); err == nil {
			t.Fatalf("the application took the account role %s", r)
		}
	}
	if err := a.UseSecondaryRoles(app, SecondaryAll, nil); err == nil {
		t.Fatal("the application took secondary roles")
	}
	// What the account grants to the application, it has.
	if _, err := a.Create(app, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"MADE_BY_APP"}}}); err == nil {
		t.Fatal("the application created a database without CREATE DATABASE")
	}
	_, err = a.GrantPrivileges(admin, GrantSpec{Privileges: []string{"CREATE DATABASE"}, On: Target{Object: Ref{Kind: KindAccount}},
		To: Grantee{Kind: KindApplication, Path: []string{"APP"}}})
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindDatabase, Path: []string{"MADE_BY_APP"}}})
	mustNo(t, err)
	// Dropped without CASCADE, the application leaves it to its owner.
	_, _, err = a.DropApplication(admin, "APP", false, false)
	mustNo(t, err)
	rows, err := a.ShowGrantsOn(admin, Ref{Kind: KindDatabase, Path: []string{"MADE_BY_APP"}})
	mustNo(t, err)
	if len(rows) == 0 || rows[0].Privilege != "OWNERSHIP" || rows[0].GranteeName != "ACCOUNTADMIN" {
		t.Fatalf("the database the application made: %+v", rows)
	}
	// Application roles only inside an application.
	if _, err := a.CreateApplicationRole(admin, "R", "", false, false); !errors.As(err, &ae) || ae.Code != ErrInvalid {
		t.Fatalf("application role outside an application: %v", err)
	}
}

// Application roles: implicitly granted to the owner with grant option;
// only the owner grants them to account roles, only the application grants
// them to its other application roles.
func TestApplicationRoleGrants(t *testing.T) {
	a, admin := installable(t)
	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "R", "", false, false)
	mustNo(t, err)
	if out, err := a.CreateApplicationRole(app, "R", "", false, true); err != nil || out != Existed {
		t.Fatalf("IF NOT EXISTS: %v %v", out, err)
	}
	_, err = a.Create(admin, CreateSpec{Ref: Ref{Kind: KindRole, Path: []string{"C"}}})
	mustNo(t, err)
	rows, err := a.ShowGrantsOf(admin, Ref{Kind: KindApplicationRole, Path: []string{"APP", "R"}})
	mustNo(t, err)
	if len(rows) != 1 || rows[0].GranteeName != "ACCOUNTADMIN" || rows[0].GrantedBy != "APP" {
		t.Fatalf("implicit grant to the owner: %+v", rows)
	}
	role := Ref{Kind: KindApplicationRole, Path: []string{"APP", "R"}}
	var ae *Error
	if _, err := a.GrantRole(app, RoleGrantSpec{Role: role, To: Grantee{Kind: KindRole, Path: []string{"C"}}}); !errors.As(err, &ae) {
		t.Fatalf("the application granted its role to an account role: %v", err)
	}
	if _, err := a.GrantRole(admin, RoleGrantSpec{Role: role, To: Grantee{Kind: KindRole, Path: []string{"C"}}}); err != nil {
		t.Fatal(err)
	}
	_, err = a.CreateApplicationRole(app, "R2", "", false, false)
	mustNo(t, err)
	if _, err := a.GrantRole(admin, RoleGrantSpec{Role: role, To: Grantee{Kind: KindApplicationRole,
		Path: []string{"APP", "R2"}}}); !errors.As(err, &ae) || ae.Code != ErrInvalid {
		t.Fatalf("the owner granted an application role to an application role: %v", err)
	}
}

// The implicit grant of application roles follows the application to the
// heir of a dropped owner role.
func TestApplicationOwnerDropped(t *testing.T) {
	a, admin := installable(t)
	_, err := a.Create(admin, CreateSpec{Ref: Ref{Kind: KindRole, Path: []string{"O"}}})
	mustNo(t, err)
	_, err = a.GrantRole(admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{"O"}},
		To: Grantee{Kind: KindRole, Path: []string{"ACCOUNTADMIN"}}})
	mustNo(t, err)
	_, err = a.GrantPrivileges(admin, GrantSpec{Privileges: []string{"CREATE APPLICATION", "CREATE APPLICATION PACKAGE"},
		On: Target{Object: Ref{Kind: KindAccount}}, To: Grantee{Kind: KindRole, Path: []string{"O"}}})
	mustNo(t, err)
	mustNo(t, a.UseRole(admin, "O"))
	_, err = a.CreateApplicationPackage(admin, "PO", false)
	mustNo(t, err)
	mustNo(t, a.AddApplicationVersion(admin, "PO", "V1", nil, nil, nil))
	id, _, err := a.CreateApplication(admin, "APP", "PO", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "R", "", false, false)
	mustNo(t, err)
	mustNo(t, a.UseRole(admin, "ACCOUNTADMIN"))
	_, err = a.Drop(admin, DropSpec{Ref: Ref{Kind: KindRole, Path: []string{"O"}}})
	mustNo(t, err)
	rows, err := a.ShowGrantsOf(admin, Ref{Kind: KindApplicationRole, Path: []string{"APP", "R"}})
	mustNo(t, err)
	if len(rows) != 1 || rows[0].GranteeName != "ACCOUNTADMIN" {
		t.Fatalf("after the owner was dropped: %+v", rows)
	}
}
