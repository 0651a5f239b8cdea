package account

import (
	"errors"
	"strings"
	"testing"
)

func TestApplicationPackageVersions(t *testing.T) {
	a := New(Config{})
	admin, err := a.Login("ADMIN", "admin", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateApplicationPackage(admin, "P", false); err != nil {
		t.Fatal(err)
	}
	if exists, err := a.CreateApplicationPackage(admin, "P", true); err != nil || !exists {
		t.Fatalf("IF NOT EXISTS: exists=%v err=%v", exists, err)
	}
	if err := a.AddApplicationVersion(admin, "P", "V1", "folder", nil, nil); err != nil {
		t.Fatal(err)
	}
	v, err := a.ApplicationVersion(admin, "P", "V1")
	if err != nil || v.Folder != "folder" {
		t.Fatalf("version: %+v %v", v, err)
	}

	// A folder that could not be read: its error, and nothing is added.
	err = a.AddApplicationVersion(admin, "P", "V2", nil, nil, errors.New("dir/manifest.yml:3: bad"))
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != ErrInvalid || !strings.Contains(ae.Msg, "dir/manifest.yml:3: bad") {
		t.Fatalf("broken folder: %v", err)
	}
	if names, _ := a.ApplicationVersions(admin, "P"); len(names) != 1 || names[0] != "V1" {
		t.Fatalf("versions after a failed add: %v", names)
	}
	if _, err := a.ApplicationVersion(admin, "NOPE", "V1"); !errors.As(err, &ae) || ae.Code != ErrAppNotFound {
		t.Fatalf("missing package: %v", err)
	}
}

// Patches: numbered one past the highest unless given, and only upward;
// installs take a version's highest patch unless one is named; a version in
// use cannot be dropped; a dropped package leaves its applications.
func TestApplicationPatches(t *testing.T) {
	a, admin := installable(t)
	n, err := a.AddApplicationPatch(admin, "P", "V1", nil, nil, nil, nil)
	mustNo(t, err)
	if n != 1 {
		t.Fatalf("patch %d", n)
	}
	five := 5
	if n, err = a.AddApplicationPatch(admin, "P", "V1", &five, nil, nil, nil); err != nil || n != 5 {
		t.Fatalf("patch %d, %v", n, err)
	}
	three := 3
	if _, err = a.AddApplicationPatch(admin, "P", "V1", &three, nil, nil, nil); err == nil {
		t.Fatal("a lower patch was added")
	}
	rows, err := a.ShowVersions(admin, "P")
	mustNo(t, err)
	if len(rows) != 3 || rows[2].Patch != 5 {
		t.Fatalf("versions %+v", rows)
	}
	_, v, err := a.CreateApplicationFrom(admin, "APP", "P", AppSource{Version: "V1", Patch: &three}, "")
	if err == nil {
		t.Fatalf("installed a missing patch: %+v", v)
	}
	_, v, err = a.CreateApplication(admin, "APP", "P", "V1", "")
	mustNo(t, err)
	if v.Patch != 5 {
		t.Fatalf("installed patch %d", v.Patch)
	}
	if err := a.DropApplicationVersion(admin, "P", "V1"); err == nil {
		t.Fatal("dropped the version in use")
	}
	out, err := a.DropApplicationPackage(admin, "P", false)
	mustNo(t, err)
	if out != Done {
		t.Fatalf("drop: %v", out)
	}
	if out, err = a.DropApplicationPackage(admin, "P", true); err != nil || out != Absent {
		t.Fatalf("drop if exists: %v %v", out, err)
	}
	if _, err := a.DescribeApplication(admin, "APP"); err != nil {
		t.Fatalf("the application went with its package: %v", err)
	}
}
