// Package nativeapp reads a Snowflake Native App's folder: manifest.yml and
// the setup script it names. A folder on disk stands in for the stage an
// application package's version is added from. Every error names the file,
// the line and the problem.
//
// It knows the manifest format only; the account owns applications,
// references and bindings, and sqlengine runs the setup script.
package nativeapp

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ManifestFile is the manifest's name in an application folder.
const ManifestFile = "manifest.yml"

// Error is a problem in a file of an application folder.
type Error struct {
	File string // path as given to Load, joined with the file's name
	Line int    // 1-based; 0 when the problem is the file as a whole
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Reference is one entry of the manifest's references: list.
type Reference struct {
	Name                  string   // normalized to upper case
	Label                 string   // required
	Description           string   // required
	Privileges            []string // upper case, in the manifest's order
	ObjectType            string   // normalized: upper case, words separated by one space ("EXTERNAL ACCESS INTEGRATION")
	MultiValued           bool
	RegisterCallback      string // <schema>.<procedure>
	ConfigurationCallback string // required for EXTERNAL ACCESS INTEGRATION and SECRET
	RequiredAtSetup       bool
	Line                  int // where the entry starts in the manifest
}

// Manifest is what Frostgate reads of manifest.yml.
type Manifest struct {
	ManifestVersion int
	VersionName     string // version.name; "" when absent
	SetupScript     string // artifacts.setup_script, relative to the folder
	References      []Reference
	Privileges      []Privilege // privileges:, in the manifest's order
}

// Folder is an application folder read from disk.
type Folder struct {
	Dir         string
	Manifest    *Manifest
	SetupScript string // the setup script's text
	// Files holds the files the setup script includes with EXECUTE
	// IMMEDIATE FROM, by slash path relative to Dir, as Include read them.
	Files map[string]string
}

// refPrivileges are the privileges a reference may request per object
// type (spec B.1, requesting-refs).
var refPrivileges = map[string][]string{
	"TABLE":                       {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES"},
	"VIEW":                        {"SELECT", "REFERENCES"},
	"EXTERNAL TABLE":              {"SELECT", "REFERENCES"},
	"FUNCTION":                    {"USAGE"},
	"PROCEDURE":                   {"USAGE"},
	"WAREHOUSE":                   {"MODIFY", "MONITOR", "USAGE", "OPERATE"},
	"API INTEGRATION":             {"USAGE"},
	"EXTERNAL ACCESS INTEGRATION": {"USAGE"},
	"SECRET":                      {"USAGE", "READ"},
}

// NormalizeObjectType spells an object_type as Frostgate keys it: upper
// case, underscores and runs of spaces as one space.
func NormalizeObjectType(t string) string {
	return strings.Join(strings.Fields(strings.ToUpper(strings.ReplaceAll(t, "_", " "))), " ")
}

// Load reads dir/manifest.yml and the setup script it names.
func Load(dir string) (*Folder, error) {
	file := filepath.Join(dir, ManifestFile)
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, &Error{File: file, Msg: "cannot read the manifest: " + errText(err)}
	}
	m, err := ParseManifest(file, src)
	if err != nil {
		return nil, err
	}
	script := filepath.Join(dir, filepath.FromSlash(m.SetupScript))
	body, err := os.ReadFile(script)
	if err != nil {
		return nil, &Error{File: script, Msg: "cannot read the setup script named by " + ManifestFile + ": " + errText(err)}
	}
	return &Folder{Dir: dir, Manifest: m, SetupScript: string(body)}, nil
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// ParseManifest reads a manifest's text; file names it in errors.
func ParseManifest(file string, src []byte) (*Manifest, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		return nil, yamlError(file, err)
	}
	fail := func(n *yaml.Node, format string, args ...any) error {
		return &Error{File: file, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: 1, Msg: "the manifest must be a mapping"}
	}
	root := doc.Content[0]
	m := &Manifest{}
	mv := field(root, "manifest_version")
	if mv == nil {
		return nil, fail(root, "manifest_version is required")
	}
	if err := mv.Decode(&m.ManifestVersion); err != nil || m.ManifestVersion < 1 || m.ManifestVersion > 2 {
		return nil, fail(mv, "manifest_version must be 1 or 2, got %q", mv.Value)
	}
	if v := field(root, "version"); v != nil {
		if n := field(v, "name"); n != nil {
			m.VersionName = n.Value
		}
	}
	if sc := field(root, "shared_content"); sc != nil && field(field(root, "artifacts"), "setup_script") == nil {
		// A declarative-sharing application: data shared through the
		// manifest alone, which Frostgate does not emulate.
		return nil, fail(sc, "shared_content (declarative sharing) is not emulated; Frostgate needs artifacts.setup_script")
	}
	arts := field(root, "artifacts")
	if arts == nil || arts.Kind != yaml.MappingNode {
		return nil, fail(root, "artifacts.setup_script is required")
	}
	ss := field(arts, "setup_script")
	if ss == nil || ss.Kind != yaml.ScalarNode || strings.TrimSpace(ss.Value) == "" {
		return nil, fail(arts, "artifacts.setup_script is required")
	}
	if filepath.IsAbs(ss.Value) || strings.Contains(filepath.ToSlash(ss.Value), "..") {
		return nil, fail(ss, "artifacts.setup_script must be a path inside the application folder, got %q", ss.Value)
	}
	m.SetupScript = ss.Value
	if privs := field(root, "privileges"); privs != nil {
		list, err := parsePrivileges(privs, fail)
		if err != nil {
			return nil, err
		}
		m.Privileges = list
	}
	refs := field(root, "references")
	if refs == nil {
		return m, nil
	}
	if refs.Kind != yaml.SequenceNode {
		return nil, fail(refs, "references must be a list")
	}
	seen := map[string]int{}
	for _, item := range refs.Content {
		if item.Kind != yaml.MappingNode || len(item.Content) != 2 || item.Content[1].Kind != yaml.MappingNode {
			return nil, fail(item, "each reference is a name with its definition (- name: {label: ..., ...})")
		}
		r, err := parseReference(item.Content[0], item.Content[1], fail)
		if err != nil {
			return nil, err
		}
		if line, dup := seen[r.Name]; dup {
			return nil, fail(item.Content[0], "reference %s is defined twice (first on line %d)", r.Name, line)
		}
		seen[r.Name] = r.Line
		m.References = append(m.References, r)
	}
	return m, nil
}

func parseReference(key, def *yaml.Node, fail func(*yaml.Node, string, ...any) error) (Reference, error) {
	r := Reference{Name: strings.ToUpper(strings.TrimSpace(key.Value)), Line: key.Line}
	if r.Name == "" {
		return r, fail(key, "a reference needs a name")
	}
	known := map[string]bool{"label": true, "description": true, "privileges": true, "object_type": true,
		"multi_valued": true, "register_callback": true, "configuration_callback": true, "required_at_setup": true}
	for i := 0; i < len(def.Content); i += 2 {
		if k := def.Content[i]; !known[k.Value] {
			return r, fail(k, "reference %s: unknown field %q", r.Name, k.Value)
		}
	}
	str := func(name string, required bool) (string, error) {
		n := field(def, name)
		if n == nil {
			if required {
				return "", fail(def, "reference %s: %s is required", r.Name, name)
			}
			return "", nil
		}
		if n.Kind != yaml.ScalarNode {
			return "", fail(n, "reference %s: %s must be a string", r.Name, name)
		}
		return n.Value, nil
	}
	boolean := func(name string) (bool, error) {
		n := field(def, name)
		if n == nil {
			return false, nil
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			return false, fail(n, "reference %s: %s must be true or false, got %q", r.Name, name, n.Value)
		}
		return b, nil
	}
	var err error
	if r.Label, err = str("label", true); err != nil {
		return r, err
	}
	if r.Description, err = str("description", true); err != nil {
		return r, err
	}
	typ, err := str("object_type", true)
	if err != nil {
		return r, err
	}
	r.ObjectType = NormalizeObjectType(typ)
	allowed, ok := refPrivileges[r.ObjectType]
	if !ok {
		types := make([]string, 0, len(refPrivileges))
		for t := range refPrivileges {
			types = append(types, t)
		}
		sort.Strings(types)
		return r, fail(field(def, "object_type"), "reference %s: object_type %q is not one of %s", r.Name, typ, strings.Join(types, ", "))
	}
	pn := field(def, "privileges")
	if pn == nil {
		return r, fail(def, "reference %s: privileges is required", r.Name)
	}
	if pn.Kind != yaml.SequenceNode || len(pn.Content) == 0 {
		return r, fail(pn, "reference %s: privileges must be a non-empty list", r.Name)
	}
	for _, p := range pn.Content {
		name := strings.Join(strings.Fields(strings.ToUpper(p.Value)), " ")
		ok := false
		for _, a := range allowed {
			ok = ok || a == name
		}
		if !ok {
			return r, fail(p, "reference %s: privilege %s is not allowed for %s (allowed: %s)", r.Name, p.Value, r.ObjectType, strings.Join(allowed, ", "))
		}
		r.Privileges = append(r.Privileges, name)
	}
	if r.MultiValued, err = boolean("multi_valued"); err != nil {
		return r, err
	}
	if r.RequiredAtSetup, err = boolean("required_at_setup"); err != nil {
		return r, err
	}
	if r.RegisterCallback, err = str("register_callback", true); err != nil {
		return r, err
	}
	if r.ConfigurationCallback, err = str("configuration_callback", false); err != nil {
		return r, err
	}
	needsConfig := r.ObjectType == "EXTERNAL ACCESS INTEGRATION" || r.ObjectType == "SECRET"
	if needsConfig && r.ConfigurationCallback == "" {
		return r, fail(def, "reference %s: configuration_callback is required for %s", r.Name, r.ObjectType)
	}
	return r, nil
}

// field returns the value of key in a mapping node, or nil.
func field(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// yamlError turns the YAML decoder's error ("yaml: line 3: ...") into an Error.
func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if _, scanErr := fmt.Sscanf(n, "%d", &line); scanErr == nil {
				msg = after
			}
		}
	}
	return &Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
}
