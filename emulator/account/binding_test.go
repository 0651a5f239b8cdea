package account

import (
	"errors"
	"strings"
	"testing"
)

// boundApp installs an application with a single-valued table definition
// T (SELECT), a multi-valued M (SELECT) and a version V2 without T; a role
// C owns table D.S.T and made the reference the application is bound with.
func boundApp(t *testing.T) (a *Account, admin, app, creator *Actor) {
	t.Helper()
	a = New(Config{})
	admin, err := a.Login("ADMIN", "admin", "")
	mustNo(t, err)
	_, err = a.CreateApplicationPackage(admin, "P", false)
	mustNo(t, err)
	defs := []RefDefinition{
		{Name: "T", Privileges: []string{"SELECT"}, ObjectType: "TABLE"},
		{Name: "M", Privileges: []string{"SELECT"}, ObjectType: "TABLE", MultiValued: true},
	}
	mustNo(t, a.AddApplicationVersion(admin, "P", "V1", nil, defs, nil))
	mustNo(t, a.AddApplicationVersion(admin, "P", "V2", nil, defs[1:], nil))
	id, _, err := a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	app, err = a.ApplicationActor(id, admin)
	mustNo(t, err)
	for _, spec := range []CreateSpec{
		{Ref: Ref{Kind: KindRole, Path: []string{"C"}}},
		{Ref: Ref{Kind: KindUser, Path: []string{"U"}}, Props: map[string]string{"PASSWORD": "p"}},
		{Ref: Ref{Kind: KindDatabase, Path: []string{"D"}}},
		{Ref: Ref{Kind: KindSchema, Path: []string{"D", "S"}}},
		{Ref: Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}},
	} {
		_, err := a.Create(admin, spec)
		mustNo(t, err)
	}
	_, err = a.GrantRole(admin, RoleGrantSpec{Role: Ref{Kind: KindRole, Path: []string{"C"}},
		To: Grantee{Kind: KindUser, Path: []string{"U"}}})
	mustNo(t, err)
	for _, g := range []GrantSpec{
		{Privileges: []string{"USAGE"}, On: Target{Object: Ref{Kind: KindDatabase, Path: []string{"D"}}}},
		{Privileges: []string{"USAGE"}, On: Target{Object: Ref{Kind: KindSchema, Path: []string{"D", "S"}}}},
		{Privileges: []string{"SELECT", "INSERT"}, On: Target{Object: Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}}},
	} {
		g.To = Grantee{Kind: KindRole, Path: []string{"C"}}
		_, err := a.GrantPrivileges(admin, g)
		mustNo(t, err)
	}
	creator, err = a.Login("U", "p", "C")
	mustNo(t, err)
	return a, admin, app, creator
}

func refTo(t *testing.T, a *Account, x *Actor, privs ...string) string {
	t.Helper()
	tok, err := a.CreateReference(x, "TABLE", []string{"D", "S", "T"}, nil, "PERSISTENT", privs)
	mustNo(t, err)
	return tok
}

func wantErr(t *testing.T, err error, code ErrCode, text string) {
	t.Helper()
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != code || !strings.Contains(ae.Msg, text) {
		t.Fatalf("want error %d %q, got %v", code, text, err)
	}
}

// UseBinding behaves like UseReference on the bound reference, with the
// definition's privileges as a second limit, only inside the application.
func TestUseBinding(t *testing.T) {
	a, admin, app, creator := boundApp(t)
	_, err := a.UseBinding(app, "t", "", OpSelect)
	wantErr(t, err, ErrInvalid, "is not bound")
	alias, err := a.SetReference(app, "t", refTo(t, a, creator, "SELECT", "INSERT"))
	mustNo(t, err)

	target, err := a.UseBinding(app, "t", "", OpSelect)
	mustNo(t, err)
	if target.Kind != KindTable || strings.Join(target.Path, ".") != "D.S.T" || target.Creator == nil {
		t.Fatalf("target %+v", target)
	}
	if _, err := a.UseBinding(app, "T", alias, OpSelect); err != nil {
		t.Fatalf("with its alias: %v", err)
	}
	// INSERT is in the reference but not in the definition.
	_, err = a.UseBinding(app, "t", "", OpInsert)
	if !errors.As(err, new(*Error)) || err.(*Error).Code != ErrRefNotAuthorized {
		t.Fatalf("INSERT beyond the definition: %v", err)
	}
	// Outside the application.
	_, err = a.UseBinding(admin, "t", "", OpSelect)
	wantErr(t, err, ErrInvalid, "within an application")

	// The creator's roles are checked now.
	mustNo(t, a.RevokePrivileges(admin, RevokeSpec{Privileges: []string{"SELECT"},
		On: Target{Object: Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}}, From: Grantee{Kind: KindRole, Path: []string{"C"}}}))
	if _, err := a.UseBinding(app, "t", "", OpSelect); err == nil {
		t.Fatal("a revoked privilege still works through the binding")
	}
	_, err = a.GrantPrivileges(admin, GrantSpec{Privileges: []string{"SELECT"},
		On: Target{Object: Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}}, To: Grantee{Kind: KindRole, Path: []string{"C"}}})
	mustNo(t, err)

	// Drop makes it invalid, undrop valid again.
	_, err = a.Drop(admin, DropSpec{Ref: Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}})
	mustNo(t, err)
	_, err = a.UseBinding(app, "t", "", OpSelect)
	if !errors.As(err, new(*Error)) || err.(*Error).Code != ErrRefInvalid {
		t.Fatalf("dropped: %v", err)
	}
	mustNo(t, a.Undrop(admin, Ref{Kind: KindTable, Path: []string{"D", "S", "T"}}))
	_, err = a.UseBinding(app, "t", "", OpSelect)
	mustNo(t, err)

	// Multi-valued: the alias is required and must be known.
	m, err := a.AddReference(app, "M", refTo(t, a, creator))
	mustNo(t, err)
	_, err = a.UseBinding(app, "M", "", OpSelect)
	wantErr(t, err, ErrInvalid, "alias is required")
	_, err = a.UseBinding(app, "M", "NOPE", OpSelect)
	wantErr(t, err, ErrInvalid, "not associated")
	_, err = a.UseBinding(app, "M", m, OpSelect)
	mustNo(t, err)

	// An upgrade to a version without T: the binding stays, unusable.
	_, _, _, err = a.UpgradeApplication(admin, "APP", "V2")
	mustNo(t, err)
	_, err = a.UseBinding(app, "t", "", OpSelect)
	wantErr(t, err, ErrInvalid, "Reference definition 'T' cannot be found in the current version of the application 'APP'")
	_, err = a.UseBinding(app, "M", m, OpSelect)
	mustNo(t, err)
}
