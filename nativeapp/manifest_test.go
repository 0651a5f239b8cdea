package nativeapp_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/nativeapp"
)

func TestLoadSampleApp(t *testing.T) {
	f, err := nativeapp.Load(filepath.Join("..", "fixtures", "apps", "sample_app"))
	require.NoError(t, err)
	m := f.Manifest
	require.Equal(t, 1, m.ManifestVersion)
	require.Equal(t, "v1", m.VersionName)
	require.Equal(t, "setup.sql", m.SetupScript)
	require.Contains(t, f.SetupScript, "CREATE APPLICATION ROLE")
	require.Len(t, m.References, 3)
	r := m.References[0]
	require.Equal(t, "CONSUMER_TABLE", r.Name)
	require.Equal(t, []string{"SELECT", "INSERT"}, r.Privileges)
	require.Equal(t, "TABLE", r.ObjectType)
	require.False(t, r.MultiValued)
	require.Equal(t, "config.register_single_reference", r.RegisterCallback)
	require.Equal(t, "TABLE", m.References[1].ObjectType) // "Table" in the file
	require.True(t, m.References[1].MultiValued)
}

func TestObjectTypeSpellings(t *testing.T) {
	for in, want := range map[string]string{
		"Table": "TABLE", "API Integration": "API INTEGRATION",
		"EXTERNAL_ACCESS_INTEGRATION": "EXTERNAL ACCESS INTEGRATION", " external  table ": "EXTERNAL TABLE",
	} {
		require.Equal(t, want, nativeapp.NormalizeObjectType(in), in)
	}
}

func TestManifestErrors(t *testing.T) {
	const head = "manifest_version: 1\nartifacts:\n  setup_script: setup.sql\nreferences:\n"
	for _, tc := range []struct{ src, want string }{
		{"manifest_version: [", "m.yml:1: invalid YAML"},
		{"- a\n- b\n", "m.yml:1: the manifest must be a mapping"},
		{"artifacts: {setup_script: s.sql}\n", "m.yml:1: manifest_version is required"},
		{"manifest_version: 3\nartifacts: {setup_script: s.sql}\n", "m.yml:1: manifest_version must be 1 or 2"},
		{"manifest_version: 1\n", "artifacts.setup_script is required"},
		{"manifest_version: 2\nshared_content:\n  databases:\n    - DB: {}\n",
			"m.yml:3: shared_content (declarative sharing) is not emulated; Frostgate needs artifacts.setup_script"},
		{"manifest_version: 1\nartifacts:\n  setup_script: ../x.sql\n", "m.yml:3: artifacts.setup_script must be a path inside"},
		{head + "  - t:\n      label: L\n      description: D\n      privileges: [SELECT, DROP]\n      object_type: TABLE\n      register_callback: c.r\n",
			"m.yml:8: reference T: privilege DROP is not allowed for TABLE"},
		{head + "  - t:\n      label: L\n      description: D\n      privileges: [USAGE]\n      object_type: STAGE\n      register_callback: c.r\n",
			"m.yml:9: reference T: object_type \"STAGE\" is not one of"},
		{head + "  - t:\n      label: L\n      privileges: [SELECT]\n      object_type: TABLE\n      register_callback: c.r\n",
			"m.yml:6: reference T: description is required"},
		{head + "  - e:\n      label: L\n      description: D\n      privileges: [USAGE]\n      object_type: EXTERNAL_ACCESS_INTEGRATION\n      register_callback: c.r\n",
			"reference E: configuration_callback is required for EXTERNAL ACCESS INTEGRATION"},
		{head + "  - t:\n      label: L\n      description: D\n      privileges: [SELECT]\n      object_type: TABLE\n      register_callback: c.r\n      multi_valued: maybe\n",
			"m.yml:11: reference T: multi_valued must be true or false"},
		{head + "  - t:\n      label: L\n      colour: red\n", "m.yml:7: reference T: unknown field \"colour\""},
		{head + "  - t: {label: L, description: D, privileges: [SELECT], object_type: VIEW, register_callback: c.r}\n" +
			"  - T: {label: L, description: D, privileges: [SELECT], object_type: VIEW, register_callback: c.r}\n",
			"m.yml:6: reference T is defined twice (first on line 5)"},
		{head + "  - just a string\n", "m.yml:5: each reference is a name with its definition"},
	} {
		_, err := nativeapp.ParseManifest("m.yml", []byte(tc.src))
		require.Error(t, err, tc.src)
		require.True(t, strings.Contains(err.Error(), tc.want), "%q\n got %v\nwant %s", tc.src, err, tc.want)
	}
}

func TestLoadMissingSetupScript(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.yml"), []byte("manifest_version: 1\nartifacts:\n  setup_script: nope.sql\n"), 0o644))
	_, err := nativeapp.Load(dir)
	require.ErrorContains(t, err, "nope.sql: cannot read the setup script named by manifest.yml")
	_, err = nativeapp.Load(filepath.Join(dir, "missing"))
	require.ErrorContains(t, err, "manifest.yml: cannot read the manifest")
}

// FuzzParseManifest checks that any input gives a manifest or an *Error.
func FuzzParseManifest(f *testing.F) {
	src, err := os.ReadFile(filepath.Join("..", "fixtures", "apps", "sample_app", "manifest.yml"))
	require.NoError(f, err)
	f.Add(string(src))
	f.Add("manifest_version: 1\nartifacts: {setup_script: s.sql}\nreferences: [{a: {label: x}}]\n")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := nativeapp.ParseManifest("m.yml", []byte(s))
		if err == nil && m == nil {
			t.Fatal("nil manifest without an error")
		}
		if err != nil {
			if _, ok := err.(*nativeapp.Error); !ok {
				t.Fatalf("%T: %v", err, err)
			}
		}
	})
}

// privileges: names normalized, description and required_at_setup read,
// unknown fields and duplicates refused with their line.
func TestManifestPrivileges(t *testing.T) {
	head := "manifest_version: 2\nartifacts:\n  setup_script: s.sql\nprivileges:\n"
	m, err := nativeapp.ParseManifest("m.yml", []byte(head+"  - create  database:\n      description: D\n  - EXECUTE TASK:\n      required_at_setup: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Privileges) != 2 || m.Privileges[0].Name != "CREATE DATABASE" || m.Privileges[0].Description != "D" ||
		!m.Privileges[1].RequiredAtSetup {
		t.Fatalf("%+v", m.Privileges)
	}
	for _, bad := range []string{
		"  - EXECUTE TASK:\n      descr: D\n",
		"  - EXECUTE TASK:\n  - execute task:\n",
		"  EXECUTE TASK: {}\n",
		"  - EXECUTE TASK:\n      required_at_setup: maybe\n",
	} {
		if _, err := nativeapp.ParseManifest("m.yml", []byte(head+bad)); err == nil || !strings.Contains(err.Error(), "m.yml:") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
