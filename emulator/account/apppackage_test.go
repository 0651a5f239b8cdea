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
