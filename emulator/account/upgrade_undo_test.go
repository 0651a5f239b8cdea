package account

import "testing"

// A failed upgrade leaves the account exactly as it was before the
// upgrade: what the new setup script created (application roles, schemas,
// tables, dropped tables, grants among them, future grants, role grants to
// existing roles) is gone and the application is back at its version.
func TestFailedUpgradeRestoresTheAccount(t *testing.T) {
	a, admin := installable(t)
	mustNo(t, a.AddApplicationVersion(admin, "P", "V2", nil, nil, nil))
	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "R1", "", false, false)
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "R0", "", false, false)
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"APP", "S"}}})
	mustNo(t, err)
	schemaS := Target{Object: Ref{Kind: KindSchema, Path: []string{"APP", "S"}}}
	r1 := Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R1"}}
	_, err = a.GrantPrivileges(app, GrantSpec{Privileges: []string{"USAGE"}, On: schemaS, To: r1})
	mustNo(t, err)
	before := state(a)

	_, v, undo, err := a.UpgradeApplication(admin, "APP", "V2")
	mustNo(t, err)
	if v.Name != "V2" {
		t.Fatalf("upgraded to %+v", v)
	}
	_, err = a.CreateApplicationRole(app, "R3", "", false, false)
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"APP", "S2"}}})
	mustNo(t, err)
	for _, name := range []string{"T2", "GONE"} {
		_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindTable, Path: []string{"APP", "S2", name}}})
		mustNo(t, err)
	}
	_, err = a.Drop(app, DropSpec{Ref: Ref{Kind: KindTable, Path: []string{"APP", "S2", "GONE"}}})
	mustNo(t, err)
	_, err = a.GrantPrivileges(app, GrantSpec{Privileges: []string{"SELECT"},
		On: Target{Object: Ref{Kind: KindTable, Path: []string{"APP", "S2", "T2"}}},
		To: Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R3"}}})
	mustNo(t, err)
	_, err = a.GrantPrivileges(app, GrantSpec{Privileges: []string{"SELECT"},
		On: Target{Scope: ScopeFuture, Kind: KindTable, Container: Ref{Kind: KindSchema, Path: []string{"APP", "S2"}}},
		To: Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R1"}}})
	mustNo(t, err)
	_, err = a.GrantRole(app, RoleGrantSpec{Role: Ref{Kind: KindApplicationRole, Path: []string{"APP", "R1"}},
		To: Grantee{Kind: KindApplicationRole, Path: []string{"APP", "R3"}}})
	mustNo(t, err)
	// Grants among what existed before the upgrade: revoked, granted.
	mustNo(t, a.RevokePrivileges(app, RevokeSpec{Privileges: []string{"USAGE"}, On: schemaS, From: r1}))
	_, err = a.GrantPrivileges(app, GrantSpec{Privileges: []string{"MONITOR"}, On: schemaS, To: r1})
	mustNo(t, err)
	_, err = a.GrantRole(app, RoleGrantSpec{Role: Ref{Kind: KindApplicationRole, Path: []string{"APP", "R0"}}, To: r1})
	mustNo(t, err)
	_, err = a.GrantPrivileges(app, GrantSpec{Privileges: []string{"SELECT"},
		On: Target{Scope: ScopeFuture, Kind: KindTable, Container: Ref{Kind: KindSchema, Path: []string{"APP", "S"}}},
		To: r1})
	mustNo(t, err)
	if state(a) == before {
		t.Fatal("the upgrade changed nothing")
	}

	removed := undo()
	if len(removed) != 4 { // R3, S2, T2 and the dropped GONE
		t.Fatalf("removed %v", removed)
	}
	if got := state(a); got != before {
		t.Fatalf("account differs after the failed upgrade:\nbefore %s\nafter  %s", before, got)
	}
	props, err := a.DescribeApplication(admin, "APP")
	mustNo(t, err)
	for _, p := range props {
		if p.Property == "version" && p.Value != "V1" || p.Property == "last_upgraded_on" && p.Value != "" {
			t.Fatalf("after the failed upgrade: %+v", props)
		}
	}
	// The names the script used are free again.
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"APP", "S2"}}})
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "R3", "", false, false)
	mustNo(t, err)
}

// An upgrade to a manifest_version 2 version grants its automatic
// privileges before the setup script runs; a failed upgrade takes them back.
func TestFailedUpgradeTakesBackAutomaticGrants(t *testing.T) {
	a, admin := installable(t)
	v2 := AppVersion{ManifestVersion: 2, Privileges: []AppPrivilege{{Name: "CREATE DATABASE"}, {Name: "CREATE API INTEGRATION"}}}
	_, err := a.AddVersionFrom(admin, "P", "V2", nil, false, v2, nil)
	mustNo(t, err)
	_, _, err = a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	before := state(a)
	_, _, undo, err := a.UpgradeApplication(admin, "APP", "V2")
	mustNo(t, err)
	rows, err := a.ShowApplicationPrivileges(admin, "APP")
	mustNo(t, err)
	if len(rows) != 2 || !rows[0].Granted || rows[1].Granted {
		t.Fatalf("privileges after the upgrade: %+v", rows)
	}
	undo()
	if got := state(a); got != before {
		t.Fatalf("account differs after the failed upgrade:\nbefore %s\nafter  %s", before, got)
	}
	if rows, _ := a.ShowApplicationPrivileges(admin, "APP"); len(rows) != 0 {
		t.Fatalf("privileges after the failed upgrade: %+v", rows)
	}
}

// What existed before and the failed script dropped or replaced comes back:
// a replaced table, a dropped table, and a dropped application role with
// its grants, among them the role granted to a consumer's role.
func TestFailedUpgradeRevivesWhatItDropped(t *testing.T) {
	a, admin := installable(t)
	mustNo(t, a.AddApplicationVersion(admin, "P", "V2", nil, nil, nil))
	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err := a.ApplicationActor(id, admin)
	mustNo(t, err)
	_, err = a.CreateApplicationRole(app, "OLD", "", false, false)
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: Ref{Kind: KindSchema, Path: []string{"APP", "S"}}})
	mustNo(t, err)
	table := func(name string) Ref { return Ref{Kind: KindTable, Path: []string{"APP", "S", name}} }
	for _, name := range []string{"KEPT", "REPLACED", "DROPPED"} {
		_, err = a.Create(app, CreateSpec{Ref: table(name)})
		mustNo(t, err)
	}
	old := Grantee{Kind: KindApplicationRole, Path: []string{"APP", "OLD"}}
	_, err = a.GrantPrivileges(app, GrantSpec{Privileges: []string{"SELECT"}, On: Target{Object: table("REPLACED")}, To: old})
	mustNo(t, err)
	_, err = a.Create(admin, CreateSpec{Ref: Ref{Kind: KindRole, Path: []string{"CONSUMER"}}})
	mustNo(t, err)
	_, err = a.GrantRole(admin, RoleGrantSpec{Role: Ref{Kind: KindApplicationRole, Path: []string{"APP", "OLD"}},
		To: Grantee{Kind: KindRole, Path: []string{"CONSUMER"}}})
	mustNo(t, err)
	before := state(a)

	_, _, undo, err := a.UpgradeApplication(admin, "APP", "V2")
	mustNo(t, err)
	_, err = a.Create(app, CreateSpec{Ref: table("REPLACED"), OrReplace: true})
	mustNo(t, err)
	_, err = a.Drop(app, DropSpec{Ref: table("DROPPED")})
	mustNo(t, err)
	_, err = a.DropApplicationRole(app, "OLD", false)
	mustNo(t, err)
	if state(a) == before {
		t.Fatal("the upgrade changed nothing")
	}
	if removed := undo(); len(removed) != 1 { // the new REPLACED
		t.Fatalf("removed %v", removed)
	}
	if got := state(a); got != before {
		t.Fatalf("account differs after the failed upgrade:\nbefore %s\nafter  %s", before, got)
	}
}
