package nativeapp

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Include reads the file a setup script names in EXECUTE IMMEDIATE FROM
// 'name', written in the folder's file from (a slash path relative to the
// folder, "" for the setup script). A relative name is resolved against
// from's directory, a name starting with '/' against the folder itself
// (the version's root). The file is read once and kept (f.Files), so that
// the version does not change when the disk does. It returns the file's
// slash path relative to the folder and its text. A name outside the
// folder, or a file that cannot be read, is an error without a file or
// line (the caller knows the statement's).
func (f *Folder) Include(from, name string) (string, string, error) {
	if from == "" {
		from = f.Manifest.SetupScript
	}
	var rel string
	if strings.HasPrefix(name, "/") {
		rel = path.Clean(strings.TrimLeft(name, "/"))
	} else {
		rel = path.Join(path.Dir(from), name)
	}
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", "", &Error{Msg: "'" + name + "' is outside the application folder"}
	}
	if text, ok := f.Files[rel]; ok {
		return rel, text, nil
	}
	body, err := os.ReadFile(filepath.Join(f.Dir, filepath.FromSlash(rel)))
	if err != nil {
		return "", "", &Error{Msg: "cannot read '" + name + "': " + errText(err)}
	}
	if f.Files == nil {
		f.Files = map[string]string{}
	}
	f.Files[rel] = string(body)
	return rel, string(body), nil
}

// Path is a file's path as errors name it: the folder joined with rel, a
// slash path relative to the folder ("" for the setup script).
func (f *Folder) Path(rel string) string {
	if rel == "" {
		rel = f.Manifest.SetupScript
	}
	return filepath.Join(f.Dir, filepath.FromSlash(rel))
}
