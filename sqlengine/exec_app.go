package sqlengine

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/nativeapp"
	"github.com/frostgate/frostgate/sferr"
)

func (s *Session) execCreateApplicationPackage(n *CreateApplicationPackage) (*Result, error) {
	exists, err := s.acct.CreateApplicationPackage(s.actor, n.Name, n.IfNotExists)
	if err != nil {
		return nil, err
	}
	if exists {
		return status(KindDDL, n.Name+" already exists, statement succeeded."), nil
	}
	return status(KindDDL, "Application Package '"+n.Name+"' created successfully."), nil
}

// execAddApplicationVersion reads the application folder n.Path names (a
// folder on disk stands in for a stage): a relative path is resolved against
// the engine's application root, by default the process's working directory.
func (s *Session) execAddApplicationVersion(n *AddApplicationVersion) (*Result, error) {
	if err := s.AddApplicationVersion(n.Package, n.Version, n.Path); err != nil {
		return nil, err
	}
	return status(KindDDL, executedOK), nil
}

// AddApplicationVersion is the Go API of ALTER APPLICATION PACKAGE pkg ADD
// VERSION version USING 'dir': it reads and validates the application folder
// dir and adds it to the package as version. Names are as stored (upper case
// unless quoted). A broken folder is an error naming the file, the line and
// the problem, and leaves the package as it was.
func (s *Session) AddApplicationVersion(pkg, version, dir string) error {
	if s.eng.appRoot != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join(s.eng.appRoot, dir)
	}
	folder, ferr := nativeapp.Load(dir)
	if ferr == nil {
		file := filepath.Join(folder.Dir, filepath.FromSlash(folder.Manifest.SetupScript))
		ferr = checkSetupScript(file, folder.SetupScript)
	}
	var payload any
	if ferr == nil {
		payload = folder
	}
	if err := s.acct.AddApplicationVersion(s.actor, pkg, version, payload, ferr); err != nil {
		return toSF(err)
	}
	return nil
}

// syntaxLine finds the statement-relative line of a syntax error's text.
var syntaxLine = regexp.MustCompile(`syntax error line (\d+) at`)

// checkSetupScript parses every statement of a setup script: the first one
// that does not parse is a *nativeapp.Error naming the file, the line (of the
// error, counted from the top of the file) and the parser's message. Only the
// grammar is checked; statements are run when an application is created.
func checkSetupScript(file, src string) error {
	var sc Scanner
	sc.Init(src, nil)
	start := -1
	check := func(end int) error {
		if start < 0 {
			return nil
		}
		text := src[start:end]
		first := strings.Count(src[:start], "\n") + 1
		if _, err := Parse(text); err != nil {
			line, msg := first, err.Error()
			if se := sferr.As(err); se != nil {
				msg = se.Message
				if m := syntaxLine.FindStringSubmatchIndex(msg); m != nil {
					n, _ := strconv.Atoi(msg[m[2]:m[3]])
					line = first + n - 1
					msg = msg[:m[2]] + strconv.Itoa(line) + msg[m[3]:]
				}
			}
			return &nativeapp.Error{File: file, Line: line, Msg: strings.ReplaceAll(msg, "\n", " ")}
		}
		return nil
	}
	for {
		pos, tok, _ := sc.Scan()
		switch tok {
		case EOF:
			return check(len(src))
		case SEMICOLON:
			if err := check(int(pos)); err != nil {
				return err
			}
			start = -1
		default:
			if start < 0 {
				start = int(pos)
			}
		}
	}
}

// ApplicationVersions lists the versions of an application package the
// session's roles own, oldest first.
func (s *Session) ApplicationVersions(pkg string) ([]string, error) {
	names, err := s.acct.ApplicationVersions(s.actor, pkg)
	if err != nil {
		return nil, toSF(err)
	}
	return names, nil
}

// execCreateApplication checks the package and the version the way an
// install would (the package must be one the session's roles own, and hold
// the version) and then refuses: running the setup script as the
// application is not emulated yet (docs/compatibility.md G.4).
func (s *Session) execCreateApplication(n *CreateApplication) (*Result, error) {
	if _, err := s.acct.ApplicationVersion(s.actor, n.Package, n.Version); err != nil {
		return nil, toSF(err)
	}
	return nil, sferr.Unsupported("CREATE APPLICATION")
}
